// n8n 2.41.1's own execution engine (WorkflowExecute from its n8n-core) and its own nodes (n8n-nodes-base), from the
// n8n instance the e2e tests install into .cache/, with the built n8n-nodes-blazwa loaded as n8n loads a community
// node: by requiring its dist files.
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { installN8n2, N8N_2, NODES_PACKAGE_DIR } from '@blazwa/n8n-harness';
import { engineOnlyAdditionalData, engineOnlyCredentialsHelper, engineOnlyNodeTypes, startNodeType } from '@blazwa/test-support/n8n-engine';
import { NODE_TYPES } from '@blazwa/test-support/n8n-workflows';
import type {
  ICredentialDataDecryptedObject,
  ICredentialType,
  IDataObject,
  INode,
  INodeType,
  INodeTypes,
  IConnections,
  IRun,
  IVersionedNodeType,
  IWorkflowBase,
  IWorkflowExecuteAdditionalData,
  Workflow,
} from 'n8n-workflow';

type N8nWorkflow = typeof import('n8n-workflow');

/** What the bench uses of n8n-core (typed here: the bench does not depend on n8n-core's own types). */
interface N8nCore {
  WorkflowExecute: new (
    additionalData: IWorkflowExecuteAdditionalData,
    mode: string,
    runExecutionData: unknown,
  ) => {
    processRunExecutionData(workflow: Workflow): Promise<IRun> & { cancel(): void };
  };
  ExecutionLifecycleHooks: new (
    mode: string,
    executionId: string,
    workflowData: IWorkflowBase,
  ) => {
    addHandler(name: 'workflowExecuteAfter', handler: (run: IRun) => void): void;
  };
  BinaryDataConfig: abstract new () => { mode: string; availableModes: string[]; localStoragePath: string };
  BinaryDataService: abstract new () => { init(): Promise<void> };
}

const BLAZWA_TYPE = NODE_TYPES.blazwa;
export const HTTP_REQUEST_TYPE = NODE_TYPES.httpRequest;
export const LOOP_TYPE = NODE_TYPES.splitInBatches;
export const START_TYPE = 'bench.start';

export interface Engine {
  /** n8n's version of each node type the bench runs, for the report. */
  versions: { n8nCore: string; n8nNodesBase: string; httpRequest: number; loop: number };
  /** Runs a workflow from `Start`, which emits `items`, and resolves with the finished run. */
  run(workflow: { nodes: INode[]; connections: IConnections }, items: IDataObject[]): Promise<IRun>;
}

export async function startEngine(credentials: Record<string, ICredentialDataDecryptedObject>): Promise<Engine> {
  await installN8n2();
  const n8nRequire = createRequire(join(N8N_2.dir, 'package.json'));
  const workflow = n8nRequire('n8n-workflow') as N8nWorkflow;
  const core = n8nRequire('n8n-core') as N8nCore;
  const coreRequire = createRequire(n8nRequire.resolve('n8n-core'));
  const { Container } = coreRequire('@n8n/di') as { Container: { get<T>(type: abstract new (...args: never[]) => T): T } };

  const base = (path: string) => n8nRequire(`n8n-nodes-base/dist/${path}`) as Record<string, new () => INodeType | IVersionedNodeType>;
  const httpRequest = new (base('nodes/HttpRequest/HttpRequest.node.js').HttpRequest!)();
  const loop = new (base('nodes/SplitInBatches/SplitInBatches.node.js').SplitInBatches!)();
  const blazwaRequire = createRequire(join(NODES_PACKAGE_DIR, 'package.json'));
  const blazwa = new (blazwaRequire('./dist/nodes/Blazwa/Blazwa.node.js') as Record<string, new () => INodeType>).Blazwa!();
  const credentialTypes: Record<string, ICredentialType> = {
    blazwaApi: new (blazwaRequire('./dist/credentials/BlazwaApi.credentials.js') as Record<string, new () => ICredentialType>).BlazwaApi!(),
    httpHeaderAuth: new (base('credentials/HttpHeaderAuth.credentials.js') as unknown as Record<string, new () => ICredentialType>).HttpHeaderAuth!(),
  };
  const nodeTypes = engineOnlyNodeTypes(workflow, {
    [BLAZWA_TYPE]: blazwa,
    [HTTP_REQUEST_TYPE]: httpRequest,
    [LOOP_TYPE]: loop,
    [START_TYPE]: startNodeType,
  }) as INodeTypes;
  const credentialsHelper = engineOnlyCredentialsHelper(workflow, credentialTypes, credentials);

  // Binary data in memory, as a fresh instance keeps it; the engine looks at it after every node.
  const binaryConfig = Container.get(core.BinaryDataConfig);
  binaryConfig.mode = 'default';
  binaryConfig.availableModes = ['default'];
  binaryConfig.localStoragePath = mkdtempSync(join(tmpdir(), 'blazwa-bench-n8n-'));
  await Container.get(core.BinaryDataService).init();

  let executions = 0;
  return {
    versions: {
      n8nCore: (n8nRequire('n8n-core/package.json') as { version: string }).version,
      n8nNodesBase: (n8nRequire('n8n-nodes-base/package.json') as { version: string }).version,
      httpRequest: (httpRequest as IVersionedNodeType).description.defaultVersion!,
      loop: (loop as IVersionedNodeType).description.defaultVersion!,
    },
    async run({ nodes, connections }, items) {
      const id = `bench-${++executions}`;
      const instance = new workflow.Workflow({ id: 'bench-workflow', nodes, connections, active: false, nodeTypes });
      const start = instance.getNode('Start');
      if (!start) throw new Error('the workflow has no Start node');
      const workflowData = {
        id: 'bench-workflow',
        name: 'bench',
        active: false,
        isArchived: false,
        createdAt: new Date(),
        updatedAt: new Date(),
        nodes,
        connections,
        activeVersionId: null,
      };
      const hooks = new core.ExecutionLifecycleHooks('manual', id, workflowData as unknown as IWorkflowBase);
      const finished = new Promise<IRun>((resolve) => hooks.addHandler('workflowExecuteAfter', resolve));
      const additionalData = { ...engineOnlyAdditionalData(credentialsHelper), hooks, executionId: id } as unknown as IWorkflowExecuteAdditionalData;
      const runExecutionData = workflow.createRunExecutionData({
        executionData: { nodeExecutionStack: [{ node: start, data: { main: [items.map((json) => ({ json }))] }, source: null }] },
      });
      await new core.WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(instance);
      return await finished;
    },
  };
}
