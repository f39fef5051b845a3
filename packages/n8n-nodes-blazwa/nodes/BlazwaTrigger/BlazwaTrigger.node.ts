import { createSenderFilter, parseInboundMessage } from '@blazwa/core';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	ITriggerFunctions,
	ITriggerResponse,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { toNodeError } from '../../shared/errors';
import { webhookMethods } from './registration';
import { secretMatches } from './secret';

/** The part of the node's static data webhook() reads: the secret its registration put in the URL. */
interface Registration extends IDataObject {
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
		eventTriggerDescription: 'Waiting for a WhatsApp message to arrive at the account',
		activationMessage: "This workflow now receives the account's WhatsApp messages.",
		triggerPanel: {
			header: 'When a WhatsApp message arrives',
			executionsHelp: {
				inactive:
					"<b>While building your workflow</b>, click 'Execute step' and send a WhatsApp message to the account's number: it runs this workflow in the editor.<br /><br /><b>Once it works</b>, publish the workflow. Then every message the account receives runs it, and the runs show up in the executions list.",
				active:
					"<b>This workflow is published</b>: every message the account receives runs it, and the runs show up in the executions list.<br /><br />'Execute step' borrows the account's webhook for one test message: until that message arrives or you stop listening, messages go to the editor instead of the published workflow. Then the webhook goes back to the published workflow.",
			},
			activationHint:
				'One published Blazwa Trigger per account receives its messages: publishing a second one for the same account fails and names the first.',
		},
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'blazwaApi', required: true }],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: [
			{
				displayName:
					'The service keeps one webhook per account, so one published Blazwa Trigger per account receives its messages. Publishing a second one for the same account fails and names the workflow that has it. A webhook URL set elsewhere (dashboard, Webhook → Set) takes the messages away until this workflow is published again or n8n restarts.',
				name: 'oneWebhookNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Trigger On',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Message Received',
						value: 'message',
						action: 'When a WhatsApp message arrives',
						description: 'A WhatsApp message arrives at the account',
					},
				],
				default: 'message',
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

	webhookMethods = webhookMethods;

	/**
	 * Does nothing itself: n8n 2 re-activates only "in-memory" triggers when it starts, and a node with this method
	 * is one. So on every start n8n runs the webhook methods again, and the account's webhook, which the service
	 * cannot be asked about, is set again (the self-repair Telegram's trigger gets by asking Telegram).
	 */
	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		return { closeFunction: async () => {} };
	}

	/**
	 * The items webhook() made, passed on. Without it, n8n would run trigger() above for a test execution and
	 * wait for an event that never comes; with it, n8n runs this instead, in every mode.
	 */
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}

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
