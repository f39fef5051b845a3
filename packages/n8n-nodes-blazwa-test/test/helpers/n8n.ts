// Runs workflows through n8n-core's real execution engine with the built nodes, the way n8n's own node tests do
// (n8n-core's nodes-testing harness): WorkflowExecute, a NodeTypes registry, a credentials helper, lifecycle hooks.
import { createRequire } from 'node:module';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
	engineOnlyAdditionalData,
	engineOnlyCredentialsHelper,
	engineOnlyNodeTypes,
	startNodeType as engineStartNodeType,
} from '@blazwa/test-support/n8n-engine';
import type * as N8nCore from 'n8n-core';
import type * as N8nWorkflow from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IRun,
	IRunExecutionData,
	IWorkflowExecuteAdditionalData,
	IConnections,
} from 'n8n-workflow';

import { PACKAGE_DIR } from './package-dir';

// One CommonJS copy of n8n-workflow for the engine, the built nodes and the tests, so classes match.
const require = createRequire(import.meta.url);
export const workflow = require('n8n-workflow') as typeof N8nWorkflow;
export const core = require('n8n-core') as typeof N8nCore;
const coreRequire = createRequire(require.resolve('n8n-core'));
// The dependency-injection container n8n-core itself uses (its own copy of @n8n/di).
const { Container } = coreRequire('@n8n/di') as {
	Container: { get<T>(type: abstract new (...args: never[]) => T): T };
};

export const distRequire = createRequire(join(PACKAGE_DIR, 'package.json'));

export const BLAZWA = 'n8n-nodes-blazwa.blazwa';
export const BLAZWA_TRIGGER = 'n8n-nodes-blazwa.blazwaTrigger';

/** The package as n8n loads it: every node and credential listed in package.json's `n8n` section, from dist. */
export function loadPackage(): {
	nodeTypes: Record<string, INodeType>;
	credentialTypes: Record<string, ICredentialType>;
} {
	const pkg = distRequire('./package.json') as {
		name: string;
		n8n: { nodes: string[]; credentials: string[] };
	};
	const nodeTypes: Record<string, INodeType> = {};
	for (const file of pkg.n8n.nodes) {
		for (const NodeClass of Object.values(
			distRequire(`./${file}`) as Record<string, new () => INodeType>,
		)) {
			const node = new NodeClass();
			nodeTypes[`${pkg.name}.${node.description.name}`] = node;
		}
	}
	const credentialTypes: Record<string, ICredentialType> = {};
	for (const file of pkg.n8n.credentials) {
		for (const CredentialClass of Object.values(
			distRequire(`./${file}`) as Record<string, new () => ICredentialType>,
		)) {
			const credential = new CredentialClass();
			credentialTypes[credential.name] = credential;
		}
	}
	return { nodeTypes, credentialTypes };
}

let binaryDataReady: Promise<void> | undefined;

/** Binary data kept in memory (n8n's `default` mode), as a fresh n8n instance does. */
async function initBinaryData(): Promise<void> {
	binaryDataReady ??= (async () => {
		const config = Container.get(core.BinaryDataConfig);
		config.mode = 'default';
		config.availableModes = ['default'];
		config.localStoragePath = mkdtempSync(join(tmpdir(), 'n8n-blazwa-'));
		await Container.get(core.BinaryDataService).init();
	})();
	await binaryDataReady;
}

/** The instance's binary data store, to read back what a node stored. */
export function binaryDataService(): N8nCore.BinaryDataService {
	return Container.get(core.BinaryDataService);
}

export interface Harness {
	nodeTypes: INodeTypes;
	credentialTypes: Record<string, ICredentialType>;
	additionalData(): IWorkflowExecuteAdditionalData;
}

export function createHarness(
	credentials: Record<string, ICredentialDataDecryptedObject>,
	extraNodeTypes: Record<string, INodeType> = {},
): Harness {
	const loaded = loadPackage();
	const nodeTypes = engineOnlyNodeTypes(workflow, {
		...loaded.nodeTypes,
		[START]: startNodeType,
		...extraNodeTypes,
	}) as INodeTypes;
	// Unpaced unless a test sets the credential's pace: most tests send many items and are about something else.
	const paced = credentials.blazwaApi
		? { ...credentials, blazwaApi: { minInterval: 0, ...credentials.blazwaApi } }
		: credentials;
	const credentialsHelper = engineOnlyCredentialsHelper(workflow, loaded.credentialTypes, paced);
	return {
		nodeTypes,
		credentialTypes: loaded.credentialTypes,
		additionalData() {
			return engineOnlyAdditionalData(
				credentialsHelper,
			) as unknown as IWorkflowExecuteAdditionalData;
		},
	};
}

export interface RunResult {
	run: IRun;
	/** Output items of each node that ran (first run, first output). */
	output(nodeName: string): INodeExecutionData[];
	/** The error a node failed with, if it did. */
	error(nodeName: string): N8nWorkflow.ExecutionBaseError | undefined;
}

/**
 * Executes `Start` (a pass-through stand-in for a trigger, fed with `items`) → `Blazwa` with `parameters`.
 */
export async function runNode(
	harness: Harness,
	options: {
		type?: string;
		parameters: IDataObject;
		items?: IDataObject[];
		settings?: Partial<INode>;
		/** Called once the run has started, with what the editor's Stop button does. */
		onStarted?: (stop: () => void) => void;
	},
): Promise<RunResult> {
	const node: INode = {
		id: 'blazwa-node',
		name: 'Blazwa',
		type: options.type ?? BLAZWA,
		typeVersion: 1,
		position: [200, 0],
		parameters: options.parameters as INode['parameters'],
		credentials: { blazwaApi: { id: '1', name: 'Blazwa account' } },
		...options.settings,
	};
	const start: INode = {
		id: 'start',
		name: 'Start',
		type: START,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	return await runWorkflow(harness, {
		nodes: [start, node],
		connections: { Start: { main: [[{ node: node.name, type: 'main', index: 0 }]] } },
		startNode: start.name,
		items: options.items ?? [{}],
		...(options.onStarted ? { onStarted: options.onStarted } : {}),
	});
}

/**
 * Executes a workflow through WorkflowExecute from `startNode`, which emits `items` (as a trigger does when it
 * fires), and resolves when the engine reports the run finished.
 */
export async function runWorkflow(
	harness: Harness,
	options: {
		nodes: INode[];
		connections: IConnections;
		startNode: string;
		items: IDataObject[];
		onStarted?: (stop: () => void) => void;
	},
): Promise<RunResult> {
	await initBinaryData();
	const { nodes, connections } = options;
	const workflowInstance = new workflow.Workflow({
		id: 'test-workflow',
		nodes,
		connections,
		active: false,
		nodeTypes: harness.nodeTypes,
	});
	const start = workflowInstance.getNode(options.startNode);
	if (!start) throw new Error(`No node named ${options.startNode}`);

	const hooks = new core.ExecutionLifecycleHooks('manual', 'test-execution', {
		id: 'test-workflow',
		name: 'test',
		active: false,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes,
		connections,
		activeVersionId: null,
	} as unknown as N8nWorkflow.IWorkflowBase);
	const finished = Promise.withResolvers<IRun>();
	hooks.addHandler('workflowExecuteAfter', (run) => finished.resolve(run));
	const additionalData = harness.additionalData();
	additionalData.hooks = hooks;

	const items = options.items.map((json) => ({ json }));
	const runExecutionData: IRunExecutionData = workflow.createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: start, data: { main: [items] }, source: null }],
		},
	});
	const engine = new core.WorkflowExecute(additionalData, 'manual', runExecutionData);
	const running = engine.processRunExecutionData(workflowInstance);
	options.onStarted?.(() => running.cancel());
	await running.catch(() => undefined);
	const run = await finished.promise;
	return {
		run,
		output(nodeName) {
			const main = run.data.resultData.runData[nodeName]?.[0]?.data?.main;
			return main?.[0] ?? [];
		},
		error(nodeName) {
			return run.data.resultData.runData[nodeName]?.[0]?.error;
		},
	};
}

export const START = 'test.start';

/** A pass-through start node: the items the test gives are what the node under test receives. */
export const startNodeType = engineStartNodeType as unknown as INodeType;
