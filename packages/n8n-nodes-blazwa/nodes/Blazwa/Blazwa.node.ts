import { createPacer } from '@blazwa/core';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, sleep } from 'n8n-workflow';

import { toNodeError } from '../../shared/errors';
import { blazwaClient, DEFAULT_TIMEOUT_MS } from '../../shared/transport';
import {
	deviceFields,
	deviceOperations,
	messageFields,
	messageOperations,
	numberFields,
	numberOperations,
	optionsField,
	webhookFields,
	webhookOperations,
} from './descriptions';
import { runOperation, type Resource } from './operations';

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
			...numberOperations,
			...numberFields,
			...deviceOperations,
			...deviceFields,
			...webhookOperations,
			...webhookFields,
			optionsField,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const resource = this.getNodeParameter('resource', 0) as Resource;
		const operation = this.getNodeParameter('operation', 0) as string;
		const options = this.getNodeParameter('options', 0, {}) as IDataObject;
		const timeoutMs = Number(options.timeout) > 0 ? Number(options.timeout) : DEFAULT_TIMEOUT_MS;
		const waitMs =
			resource === 'message' ? Math.max(0, Number(options.waitBetweenMessages) || 0) : 0;

		let client;
		try {
			client = await blazwaClient(this, timeoutMs);
		} catch (error) {
			throw toNodeError(this.getNode(), error);
		}
		// The account's pace: each send starts at least waitMs after the previous one started.
		const pacer = createPacer({ minIntervalMs: waitMs, sleep, now: () => Date.now() });
		// Stopping the execution drops the messages still waiting for their turn: they were never sent.
		this.getExecutionCancelSignal()?.addEventListener(
			'abort',
			() => pacer.close('the execution was stopped'),
			{ once: true },
		);

		const returnData: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const output = await pacer.schedule(
					async () => await runOperation(this, client, resource, operation, itemIndex),
				);
				returnData.push({ ...output, pairedItem: { item: itemIndex } });
			} catch (error) {
				const nodeError = toNodeError(this.getNode(), error, itemIndex);
				if (this.continueOnFail()) {
					// Only `error`, `message` and `details`: n8n recognises such an item as failed, so with the error
					// output on it leaves there, merged into the input item it came from.
					const json: IDataObject = { error: nodeError.message };
					if (nodeError instanceof NodeApiError && nodeError.httpCode)
						json.details = { httpCode: nodeError.httpCode };
					returnData.push({ json, pairedItem: { item: itemIndex } });
					continue;
				}
				throw nodeError;
			}
		}
		return [returnData];
	}
}
