import type {
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, SEND_AND_WAIT_OPERATION, sleep } from 'n8n-workflow';

import { accountLane, credentialIntervalMs } from '../../shared/account-pacer';
import { errorItemDetails, toNodeError } from '../../shared/errors';
import { ledgerScope, nodeRunIndex, sendKey, sendLedger } from '../../shared/send-ledger';
import { blazwaClient, DEFAULT_TIMEOUT_MS } from '../../shared/transport';
import {
	deviceFields,
	deviceOperations,
	messageFields,
	messageOperations,
	numberFields,
	numberOperations,
	optionsField,
	sendAndWaitFields,
	webhookFields,
	webhookOperations,
} from './descriptions';
import { type Resource, prepareItem, runOperation } from './run-operation';
import { sendAndWaitWebhook } from './send-and-wait/webhook';
import { waitTill } from './send-and-wait/wait-till';
import { isSend, sendFields } from './send-fields';

export class Blazwa implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Blazwa',
		name: 'blazwa',
		icon: { light: 'file:../../icons/blazwa.svg', dark: 'file:../../icons/blazwa.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Send WhatsApp messages and manage a Blazwa / Kasirpintar WA account',
		defaults: { name: 'Blazwa' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'blazwaApi', required: true }],
		// Send and Wait: the answer links resume the waiting execution through these (path = this node's id).
		webhooks: (['GET', 'POST'] as const).map((httpMethod) => ({
			name: 'default',
			httpMethod,
			responseMode: 'onReceived',
			responseData: '',
			path: '={{ $nodeId }}',
			restartWebhook: true,
			isFullPath: true,
		})),
		waitingNodeTooltip: "Execution will continue after the user's response",
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Device',
						value: 'device',
						description: 'The linked WhatsApp device: status, restart, login QR',
					},
					{
						name: 'Message',
						value: 'message',
						description: 'Send a WhatsApp message to a number or a group',
					},
					{
						name: 'Number',
						value: 'number',
						description: 'Check whether a phone number has WhatsApp',
					},
					{
						name: 'Webhook',
						value: 'webhook',
						description: 'Where incoming messages are delivered',
					},
				],
				default: 'message',
			},
			...messageOperations,
			...messageFields,
			...sendAndWaitFields,
			...numberOperations,
			...numberFields,
			...deviceOperations,
			...deviceFields,
			...webhookOperations,
			...webhookFields,
			optionsField,
		],
	};

	webhook = sendAndWaitWebhook;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const resource = this.getNodeParameter('resource', 0) as Resource;
		const operation = this.getNodeParameter('operation', 0) as string;
		const options = this.getNodeParameter('options', 0, {}) as IDataObject;
		const timeoutMs = Number(options.timeout) > 0 ? Number(options.timeout) : DEFAULT_TIMEOUT_MS;
		const nodeWaitMs =
			resource === 'message' ? Math.max(0, Number(options.waitBetweenMessages) || 0) : 0;

		let client;
		let credentialIntervalSetting: unknown;
		try {
			client = await blazwaClient(this, timeoutMs);
			credentialIntervalSetting = (await this.getCredentials('blazwaApi')).minInterval;
		} catch (error) {
			throw toNodeError(this.getNode(), error);
		}
		const node = this.getNode();
		const credential = credentialKey(node);
		const sends = isSend(resource, operation);
		// The account's pace, shared with every other run in this n8n process; the node's own wait only slows it.
		const lane = sends
			? accountLane(credential, credentialIntervalMs(credentialIntervalSetting))
			: undefined;
		// Stopping the execution drops this run's messages still waiting for their turn: they were never sent.
		this.getExecutionCancelSignal()?.addEventListener(
			'abort',
			() => lane?.close('the execution was stopped'),
			{ once: true },
		);
		const scope = sends ? ledgerScope(this) : '';
		const runIndex = sends ? nodeRunIndex(this) : 0;
		// Counted, like the account's pace, from the end of this node's previous send.
		let lastOwnEnd: number | undefined;

		// Send and Wait asks one question per execution, from the first item, as n8n's own nodes do; a bad wait
		// limit fails before anything is sent.
		const waitingUntil = operation === SEND_AND_WAIT_OPERATION ? waitTill(this) : undefined;
		const itemCount = waitingUntil ? Math.min(items.length, 1) : items.length;

		const returnData: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
			try {
				// Checked before the item waits for its turn: a typo fails at once and takes no place in the account's queue.
				const prepared = prepareItem(this, resource, operation, itemIndex);
				const key = sends
					? sendKey({
							scope,
							nodeId: node.id || node.name,
							runIndex,
							itemIndex,
							credential,
							operation,
							fields: sendFields(this, itemIndex),
						})
					: undefined;
				const earlier = key === undefined ? undefined : sendLedger.get(key);
				if (earlier) {
					// Retry On Fail or a retried execution: this item went out before, so it is answered, not sent.
					returnData.push({
						json: { ...earlier, alreadySent: true },
						pairedItem: { item: itemIndex },
					});
					continue;
				}
				if (lastOwnEnd !== undefined && nodeWaitMs > 0) {
					const wait = lastOwnEnd + nodeWaitMs - Date.now();
					if (wait > 0) await sleep(wait);
				}
				const send = async () => {
					try {
						return await runOperation(this, client, resource, operation, itemIndex, prepared);
					} finally {
						lastOwnEnd = Date.now();
					}
				};
				const output = lane ? await lane.schedule(send) : await send();
				if (key !== undefined) sendLedger.record(key, output.json);
				returnData.push({ ...output, pairedItem: { item: itemIndex } });
			} catch (error) {
				const nodeError = toNodeError(this.getNode(), error, itemIndex);
				if (this.continueOnFail()) {
					// Only `error`, `message` and `details`: n8n recognises such an item as failed, so with the error
					// output on it leaves there, merged into the input item it came from.
					const json: IDataObject = { error: nodeError.message };
					const details = errorItemDetails(nodeError);
					if (details) json.details = details;
					returnData.push({ json, pairedItem: { item: itemIndex } });
					continue;
				}
				throw nodeError;
			}
		}
		if (waitingUntil && returnData[0] && returnData[0].json.error === undefined) {
			// n8n 1.x checks the links' signature only when asked to; 2.x always does for 'sendAndWait'.
			(this as { setSignatureValidationRequired?: () => void }).setSignatureValidationRequired?.();
			await this.putExecutionToWait(waitingUntil);
			return [items];
		}
		return [returnData];
	}
}

/** The pacer's account: the credential the node uses (its id; its name in a workflow imported without ids). */
function credentialKey(node: INode): string {
	const credential = node.credentials?.blazwaApi;
	return credential?.id || `name:${credential?.name ?? ''}`;
}
