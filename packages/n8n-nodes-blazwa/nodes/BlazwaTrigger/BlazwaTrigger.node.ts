import { createSenderFilter, parseInboundMessage } from '@blazwa/core';
import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { toNodeError } from '../../shared/errors';
import { blazwaClient } from '../../shared/transport';
import { newSecret, secretMatches } from './secret';

/** What this node registered with the service, kept in the workflow's static data. */
interface Registration extends IDataObject {
	/** This node's webhook URL, without the secret. */
	webhookUrl?: string;
	secret?: string;
}

export class BlazwaTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Blazwa Trigger',
		name: 'blazwaTrigger',
		icon: { light: 'file:../../icons/blazwa.svg', dark: 'file:../../icons/blazwa.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '=Incoming WhatsApp messages',
		description:
			'Starts the workflow when the Blazwa / Kasirpintar WA account receives a WhatsApp message',
		defaults: { name: 'Blazwa Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'blazwaApi', required: true }],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: [
			{
				displayName:
					'The service keeps one webhook per account: the Blazwa Trigger activated last receives the messages, and any other (or a URL set elsewhere) stops receiving them',
				name: 'oneWebhookNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Only From Numbers',
				name: 'senders',
				type: 'string',
				default: '',
				placeholder: '0812 3456 7890, 6281298765432',
				description:
					'Start the workflow only for messages from these numbers (comma-separated, any common form). Leave empty for all senders.',
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const registration = this.getWorkflowStaticData('node') as Registration;
				const webhookUrl = this.getNodeWebhookUrl('default');
				if (
					registration.webhookUrl !== undefined &&
					registration.webhookUrl === webhookUrl &&
					registration.secret
				) {
					return true;
				}
				// Registered for another URL (test vs production) or incomplete: forget it so `create` starts clean.
				delete registration.webhookUrl;
				delete registration.secret;
				return false;
			},

			async create(this: IHookFunctions): Promise<boolean> {
				const webhookUrl = this.getNodeWebhookUrl('default') as string;
				const secret = newSecret();
				const url = new URL(webhookUrl);
				url.searchParams.set('secret', secret);
				try {
					const client = await blazwaClient(this);
					await client.setWebhook(url.toString());
				} catch (error) {
					throw toNodeError(this.getNode(), error);
				}
				const registration = this.getWorkflowStaticData('node') as Registration;
				registration.webhookUrl = webhookUrl;
				registration.secret = secret;
				return true;
			},

			async delete(this: IHookFunctions): Promise<boolean> {
				const registration = this.getWorkflowStaticData('node') as Registration;
				// Not ours: resetting would cut off whoever registered the account's webhook.
				if (registration.webhookUrl === undefined) return true;
				try {
					const client = await blazwaClient(this);
					await client.resetWebhook();
				} catch (error) {
					this.logger.warn(
						`Blazwa Trigger: could not reset the webhook: ${error instanceof Error ? error.message : String(error)}`,
					);
					return false;
				}
				delete registration.webhookUrl;
				delete registration.secret;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject();
		const response = this.getResponseObject();
		const registration = this.getWorkflowStaticData('node') as Registration;
		const query = this.getQueryData() as IDataObject;

		if (!registration.secret || !secretMatches(registration.secret, query.secret)) {
			response
				.status(401)
				.json({ message: 'Unauthorized: this URL needs the secret the Blazwa Trigger registered' });
			return { noWebhookResponse: true };
		}

		let inbound;
		try {
			inbound = parseInboundMessage(
				inboundBody(request.body, (request as { rawBody?: unknown }).rawBody),
			);
		} catch (error) {
			response
				.status(400)
				.json({ message: error instanceof Error ? error.message : 'Bad request' });
			return { noWebhookResponse: true };
		}

		let fromAllowed: (from: string) => boolean;
		try {
			fromAllowed = createSenderFilter(this.getNodeParameter('senders', '') as string);
		} catch (error) {
			throw toNodeError(this.getNode(), error);
		}
		if (!fromAllowed(inbound.from)) {
			response
				.status(200)
				.json({ message: "Ignored: the sender is not in this trigger's list of numbers" });
			return { noWebhookResponse: true };
		}

		return { workflowData: [[{ json: { ...inbound } as IDataObject }]] };
	}
}

/** n8n parses JSON and form bodies; when it could not, the raw bytes are all there is. */
function inboundBody(body: unknown, rawBody: unknown): unknown {
	const parsed = typeof body === 'object' && body !== null && Object.keys(body).length > 0;
	if (parsed || rawBody === undefined || rawBody === null) return body;
	return rawBody instanceof Uint8Array ? rawBody : String(rawBody);
}
