// The workflows `pnpm demo:n8n` imports, and its Blazwa credential, in n8n's export format.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NODES_PACKAGE_DIR } from '@blazwa/e2e-n8n';

export interface N8nAccount {
  server: string;
  /** Used when server is 'custom' (the sandbox). */
  baseUrl: string;
  apiKey: string;
}

const CREDENTIAL = { id: 'blazwaDemoCred01', name: 'Blazwa account' };
const credentials = { blazwaApi: CREDENTIAL };

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
  return [{ ...CREDENTIAL, type: 'blazwaApi', data: { server: account.server, baseUrl, apiKey: account.apiKey } }];
}

type Position = [x: number, y: number];

function manualTrigger(): object {
  return { parameters: {}, id: 'manual', name: MANUAL_TRIGGER, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0] };
}

function blazwa(name: string, [x, y]: Position, parameters: Record<string, unknown>, notes: string): object {
  return { parameters, id: name, name, type: 'n8n-nodes-blazwa.blazwa', typeVersion: 1, position: [x, y], credentials, notes, notesInFlow: true };
}

/** From the first output (an If node's "true") of one node to the next. */
const connect = (from: string, to: string) => ({ [from]: { main: [[{ node: to, type: 'main', index: 0 }]] } });

function sendWorkflow(): object {
  return {
    id: SEND.id,
    name: SEND.name,
    active: false,
    nodes: [
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
    ],
    connections: connect(MANUAL_TRIGGER, 'WhatsApp the customer'),
    settings: { executionOrder: 'v1' },
  };
}

/** The auto-reply example n8n-nodes-blazwa ships, with this demo's credential. */
function autoReplyWorkflow(): object {
  const example = JSON.parse(readFileSync(join(NODES_PACKAGE_DIR, 'examples', 'auto-reply-to-incoming-messages.json'), 'utf8')) as {
    nodes: Array<{ credentials?: object }>;
  };
  return {
    ...example,
    id: AUTO_REPLY.id,
    name: AUTO_REPLY.name,
    active: false,
    nodes: example.nodes.map((node) => (node.credentials ? { ...node, credentials } : node)),
  };
}

/** Status, and the QR when the account waits for one: the login QR only exists while nobody is paired. */
function statusWorkflow(): object {
  const waitsForQr = {
    parameters: {
      conditions: {
        options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
        conditions: [{ id: 'waits-for-qr', leftValue: '={{ $json.status }}', rightValue: 'qr', operator: { type: 'string', operation: 'equals' } }],
        combinator: 'and',
      },
      options: {},
    },
    id: 'waits-for-qr',
    name: 'Waiting for the QR?',
    type: 'n8n-nodes-base.if',
    typeVersion: 2.2,
    position: [520, 0],
  };
  return {
    id: STATUS.id,
    name: STATUS.name,
    active: false,
    nodes: [
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
    connections: {
      ...connect(MANUAL_TRIGGER, 'Connection status'),
      ...connect('Connection status', 'Waiting for the QR?'),
      ...connect('Waiting for the QR?', 'Login QR'),
    },
    settings: { executionOrder: 'v1' },
  };
}

export function workflowFile(): object[] {
  return [sendWorkflow(), autoReplyWorkflow(), statusWorkflow()];
}
