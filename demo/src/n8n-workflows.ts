// The workflows `pnpm demo:n8n` imports, and its Blazwa credential, in n8n's export format.
import { NODES_PACKAGE_DIR } from '@blazwa/n8n-harness';
import {
  autoReplyExample,
  blazwaCredential,
  blazwaNode,
  chain,
  n8nNode,
  n8nWorkflow,
  NODE_TYPES,
  type WorkflowNode,
} from '@blazwa/test-support/n8n-workflows';

export interface N8nAccount {
  server: string;
  /** Used when server is 'custom' (the sandbox). */
  baseUrl: string;
  apiKey: string;
}

const CREDENTIAL = { id: 'blazwaDemoCred01', name: 'Blazwa account' };

/** The trigger of the two workflows run by hand: the editor's "Execute workflow" starts here. */
export const MANUAL_TRIGGER = 'Click "Execute workflow"';
export const SEND = {
  id: 'blazwaDemoSend01',
  name: 'Blazwa demo 1: send a message',
  phoneNumber: '0812-3456 7890',
  message: 'Terima kasih! Pesanan #1234 sudah dibayar.',
};
export const AUTO_REPLY = { id: 'blazwaDemoReply1', name: 'Blazwa demo 2: auto-reply bot' };
export const STATUS = { id: 'blazwaDemoStatus', name: 'Blazwa demo 3: status and QR' };

/** n8n's credential export format: `import:credentials` encrypts `data` on the way in. */
export function credentialFile(account: N8nAccount): object[] {
  const baseUrl = account.server === 'custom' ? account.baseUrl : '';
  return [blazwaCredential(CREDENTIAL, { server: account.server, baseUrl, apiKey: account.apiKey })];
}

function manualTrigger(): WorkflowNode {
  return n8nNode({ id: 'manual', name: MANUAL_TRIGGER, type: NODE_TYPES.manualTrigger });
}

/** A Blazwa node with a note the canvas shows under it. */
function blazwa(name: string, position: WorkflowNode['position'], parameters: Record<string, unknown>, notes: string): WorkflowNode {
  return blazwaNode(name, parameters, CREDENTIAL, { position, notes, notesInFlow: true });
}

function sendWorkflow(): object {
  return n8nWorkflow(SEND.id, SEND.name, [
    manualTrigger(),
    blazwa(
      'WhatsApp the customer',
      [260, 0],
      {
        resource: 'message',
        operation: 'sendToNumber',
        phoneNumber: SEND.phoneNumber,
        message: SEND.message,
        imageUrl: '',
        options: {},
      },
      'Any common way of writing the number works (0812…, +62 812…).',
    ),
  ]);
}

/** The auto-reply example n8n-nodes-blazwa ships, with this demo's credential. */
function autoReplyWorkflow(): object {
  return autoReplyExample(NODES_PACKAGE_DIR, { id: AUTO_REPLY.id, name: AUTO_REPLY.name, credential: CREDENTIAL });
}

/** Status, and the QR when the account waits for one: the login QR only exists while nobody is paired. */
function statusWorkflow(): object {
  const waitsForQr = n8nNode({
    id: 'waits-for-qr',
    name: 'Waiting for the QR?',
    type: NODE_TYPES.if,
    typeVersion: 2.2,
    position: [520, 0],
    parameters: {
      conditions: {
        options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
        conditions: [{ id: 'waits-for-qr', leftValue: '={{ $json.status }}', rightValue: 'qr', operator: { type: 'string', operation: 'equals' } }],
        combinator: 'and',
      },
      options: {},
    },
  });
  // The If node's first output is "true": the QR is fetched only when the account waits for one.
  return n8nWorkflow(
    STATUS.id,
    STATUS.name,
    [
      manualTrigger(),
      blazwa('Connection status', [260, 0], { resource: 'device', operation: 'getStatus' }, '"connected" once a phone is paired.'),
      waitsForQr,
      blazwa(
        'Login QR',
        [780, -80],
        { resource: 'device', operation: 'getQr', qrOutput: 'binary', binaryPropertyName: 'data' },
        'Scan it with WhatsApp: Linked devices. Open the output\'s "data" to see it.',
      ),
    ],
    chain(MANUAL_TRIGGER, 'Connection status', 'Waiting for the QR?', 'Login QR'),
  );
}

export function workflowFile(): object[] {
  return [sendWorkflow(), autoReplyWorkflow(), statusWorkflow()];
}
