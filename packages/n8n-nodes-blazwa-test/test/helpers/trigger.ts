// The trigger as n8n runs it: HookContext for webhookMethods on activation/deactivation, and an HTTP endpoint
// that hands each request to the node's webhook() inside a WebhookContext, the way n8n's webhook server does.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

import express from 'express';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeType,
	IWebhookData,
	Workflow as WorkflowType,
} from 'n8n-workflow';

import { BLAZWA_TRIGGER, core, createHarness, workflow, type Harness } from './n8n';

export interface TriggerRig {
	/** Where n8n's webhook server listens, e.g. http://127.0.0.1:5678 */
	baseUrl: string;
	workflow: WorkflowType;
	node: INode;
	/** Items of each execution the trigger started. */
	executions: INodeExecutionData[][];
	checkExists(): Promise<boolean>;
	create(): Promise<boolean>;
	delete(): Promise<boolean>;
	/** The node's own webhook URL (without the secret). */
	webhookUrl(): string;
	staticData(): IDataObject;
	close(): Promise<void>;
}

export async function startTriggerRig(
	credential: ICredentialDataDecryptedObject,
	parameters: IDataObject = {},
): Promise<TriggerRig> {
	const harness: Harness = createHarness({ blazwaApi: credential });
	const nodeType = harness.nodeTypes.getByNameAndVersion(BLAZWA_TRIGGER, 1) as INodeType;
	const node: INode = {
		id: 'trigger-node',
		name: 'Blazwa Trigger',
		type: BLAZWA_TRIGGER,
		typeVersion: 1,
		position: [0, 0],
		webhookId: '5f0c4a3e-1d2b-4c6a-9e8f-7a6b5c4d3e2f',
		parameters: parameters as INode['parameters'],
		credentials: { blazwaApi: { id: '1', name: 'Blazwa account' } },
	};
	const workflowInstance = new workflow.Workflow({
		id: 'trigger-workflow',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes: harness.nodeTypes,
		staticData: {},
	});

	const executions: INodeExecutionData[][] = [];
	const app = express();
	// As n8n's webhook server (checked against n8n 2.41): bodies up to N8N_PAYLOAD_SIZE_MAX (16 MB by default) are
	// read, JSON and form bodies are parsed, JSON that does not parse is refused with 422 before any node runs, and
	// any other body reaches the node only as raw bytes.
	app.use(express.raw({ type: () => true, limit: '16mb' }));
	app.use((request, response, next) => {
		const raw = request.body as Buffer;
		(request as unknown as { rawBody: Buffer }).rawBody = raw;
		const type = request.headers['content-type'] ?? '';
		if (type.startsWith('application/json')) {
			try {
				request.body = raw.length > 0 ? JSON.parse(raw.toString('utf8')) : {};
			} catch {
				response.status(422).json({ message: 'Failed to parse request body' });
				return;
			}
		} else if (type.startsWith('application/x-www-form-urlencoded')) {
			request.body = Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
		} else {
			request.body = {};
		}
		next();
	});

	let baseUrl = '';
	const additionalData = () => {
		const data = harness.additionalData();
		data.webhookBaseUrl = `${baseUrl}/webhook`;
		data.webhookTestBaseUrl = `${baseUrl}/webhook-test`;
		return data;
	};

	app.post('/webhook/*path', async (request, response) => {
		const data = additionalData();
		data.httpRequest = request;
		data.httpResponse = response;
		const webhookData: IWebhookData = {
			httpMethod: 'POST',
			node: node.name,
			path: 'webhook',
			webhookDescription: nodeType.description.webhooks![0]!,
			workflowId: workflowInstance.id,
			workflowExecuteAdditionalData: data,
			webhookId: node.webhookId,
		};
		const context = new core.WebhookContext(
			workflowInstance,
			node,
			data,
			'webhook',
			webhookData,
			[],
			null,
		);
		try {
			const result = await nodeType.webhook!.call(context);
			if (result.workflowData) executions.push(result.workflowData[0]!);
			if (!result.noWebhookResponse) response.status(200).json({ message: 'Workflow was started' });
		} catch (error) {
			response
				.status(500)
				.json({ message: error instanceof Error ? error.message : String(error) });
		}
	});

	const server: Server = await new Promise((resolve) => {
		const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
	});
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

	const hookContext = () =>
		new core.HookContext(workflowInstance, node, additionalData(), 'trigger', 'activate');
	const methods = nodeType.webhookMethods!.default!;
	return {
		baseUrl,
		workflow: workflowInstance,
		node,
		executions,
		checkExists: async () => await methods.checkExists!.call(hookContext()),
		create: async () => await methods.create!.call(hookContext()),
		delete: async () => await methods.delete!.call(hookContext()),
		webhookUrl: () => hookContext().getNodeWebhookUrl('default')!,
		staticData: () => workflowInstance.getStaticData('node', node) as IDataObject,
		close: async () => {
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
