// n8n workflows and credentials in the editor's export format, for the fixtures the e2e suites, the demo and the
// bench import: one builder, so a node's shape (type names, versions, the Blazwa credential slot) is written once.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const NODE_TYPES = {
  blazwa: 'n8n-nodes-blazwa.blazwa',
  blazwaTrigger: 'n8n-nodes-blazwa.blazwaTrigger',
  manualTrigger: 'n8n-nodes-base.manualTrigger',
  webhook: 'n8n-nodes-base.webhook',
  splitOut: 'n8n-nodes-base.splitOut',
  if: 'n8n-nodes-base.if',
  httpRequest: 'n8n-nodes-base.httpRequest',
  splitInBatches: 'n8n-nodes-base.splitInBatches',
} as const;

/** A credential as a node names it: n8n finds it by id, the editor shows the name. */
export interface CredentialRef {
  id: string;
  name: string;
}

/** The fields of a node that the fixtures set; assignable to n8n-workflow's `INode`. */
export interface WorkflowNode {
  id: string;
  name: string;
  type: string;
  typeVersion: number;
  position: [x: number, y: number];
  // `any` so a node is an `INode` (whose parameter values are a union) without a cast.
  parameters: Record<string, any>;
  credentials?: Record<string, CredentialRef>;
  webhookId?: string;
  notes?: string;
  notesInFlow?: boolean;
  retryOnFail?: boolean;
  maxTries?: number;
  waitBetweenTries?: number;
}

type NodeSpec = Omit<WorkflowNode, 'typeVersion' | 'position' | 'parameters'> &
  Partial<Pick<WorkflowNode, 'typeVersion' | 'position' | 'parameters'>>;

/** A node, version 1 at [0, 0] with no parameters unless said otherwise. */
export function n8nNode({ typeVersion = 1, position = [0, 0], parameters = {}, ...rest }: NodeSpec): WorkflowNode {
  return { ...rest, typeVersion, position, parameters };
}

/** The Blazwa node on `credential`; its id is its name unless given. */
export function blazwaNode(
  name: string,
  parameters: Record<string, unknown>,
  credential: CredentialRef,
  more: Partial<Omit<WorkflowNode, 'name' | 'type' | 'parameters' | 'credentials'>> = {},
): WorkflowNode {
  return n8nNode({ id: name, ...more, name, type: NODE_TYPES.blazwa, parameters, credentials: { blazwaApi: credential } });
}

/** The Blazwa Trigger on `credential`, answering every sender unless `senders` says otherwise. */
export function blazwaTriggerNode(
  name: string,
  credential: CredentialRef,
  webhookId: string,
  more: Partial<Omit<WorkflowNode, 'name' | 'type' | 'credentials' | 'webhookId'>> = {},
): WorkflowNode {
  return n8nNode({
    id: name,
    parameters: { senders: '' },
    ...more,
    name,
    type: NODE_TYPES.blazwaTrigger,
    webhookId,
    credentials: { blazwaApi: credential },
  });
}

/** An n8n Webhook node (v2) that answers at once, POST on `path`. */
export function webhookNode(id: string, name: string, path: string, webhookId: string, position: WorkflowNode['position'] = [0, 0]): WorkflowNode {
  return n8nNode({
    id,
    name,
    type: NODE_TYPES.webhook,
    typeVersion: 2,
    position,
    parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
    webhookId,
  });
}

export type Connections = Record<string, { main: Array<Array<{ node: string; type: 'main'; index: number }>> }>;

/** Each node's first output (an If node's "true") wired to the next one's input. */
export function chain(...names: string[]): Connections {
  const connections: Connections = {};
  for (let i = 0; i + 1 < names.length; i++) connections[names[i]!] = { main: [[{ node: names[i + 1]!, type: 'main', index: 0 }]] };
  return connections;
}

export interface Workflow {
  id: string;
  name: string;
  active: false;
  nodes: WorkflowNode[];
  connections: Connections;
  settings: { executionOrder: 'v1' };
}

/** A workflow as the editor exports it, inactive: a test or the demo publishes it when it means to. */
export function n8nWorkflow(
  id: string,
  name: string,
  nodes: WorkflowNode[],
  connections: Connections = chain(...nodes.map((node) => node.name)),
): Workflow {
  return { id, name, active: false, nodes, connections, settings: { executionOrder: 'v1' } };
}

/** A Blazwa API credential in n8n's export format; `data` in the clear, as `import:credentials` encrypts it. */
export function blazwaCredential(ref: CredentialRef, data: { server: string; baseUrl: string; apiKey: string; minInterval?: number }): object {
  return { ...ref, type: 'blazwaApi', data };
}

/**
 * The auto-reply example n8n-nodes-blazwa ships (its `examples/` file), with `credential` in every node that has
 * one, inactive, under `id` (and `name` and the trigger's `webhookId` where given).
 */
export function autoReplyExample(
  nodesPackageDir: string,
  { id, name, credential, webhookId }: { id: string; name?: string; credential: CredentialRef; webhookId?: string },
): object {
  const example = JSON.parse(readFileSync(join(nodesPackageDir, 'examples', 'auto-reply-to-incoming-messages.json'), 'utf8')) as {
    nodes: Array<{ credentials?: object; webhookId?: string }>;
  };
  return {
    ...example,
    id,
    ...(name ? { name } : {}),
    active: false,
    nodes: example.nodes.map((node) => ({
      ...node,
      ...(node.credentials ? { credentials: { blazwaApi: credential } } : {}),
      ...(node.webhookId && webhookId ? { webhookId } : {}),
    })),
  };
}
