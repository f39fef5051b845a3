// The workflows of the retry and pace tests, as the editor would export them: a Webhook that takes a list of orders,
// Split Out into one item per order, and Blazwa's Send to Number; and the package's auto-reply example on a
// credential of its own with a short pace.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { NODES_PACKAGE_DIR } from '../../src/index.ts';

/** Unpaced, so 100 sends take a moment. */
export const FAST_CREDENTIAL = { id: 'blazwaE2eFast001', name: 'Blazwa sandbox, unpaced' };
/** The auto-reply's account, at a short pace the test can measure. */
export const PACED_CREDENTIAL = { id: 'blazwaE2ePaced01', name: 'Blazwa sandbox, paced' };
export const PACE_MS = 200;

export function retryCredentialFile(baseUrl: string, apiKey: string): object[] {
  const data = { server: 'custom', baseUrl, apiKey };
  return [
    { ...FAST_CREDENTIAL, type: 'blazwaApi', data: { ...data, minInterval: 0 } },
    { ...PACED_CREDENTIAL, type: 'blazwaApi', data: { ...data, minInterval: PACE_MS / 1000 } },
  ];
}

export const RETRY_ON_FAIL = { id: 'blazwaE2eRetry01', path: 'e2e-orders-retry-on-fail' };
export const EXECUTION_RETRY = { id: 'blazwaE2eRetry02', path: 'e2e-orders-execution-retry' };
export const PACED_REPLY = { id: 'blazwaE2ePace001' };

function ordersWorkflow(id: string, path: string, name: string, nodeSettings: object): object {
  return {
    id,
    name,
    active: false,
    nodes: [
      {
        parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
        id: `${id}-webhook`,
        name: 'Orders',
        type: 'n8n-nodes-base.webhook',
        typeVersion: 2,
        position: [0, 0],
        webhookId: `${id}-webhook-id`,
      },
      {
        parameters: { fieldToSplitOut: 'body.orders', include: 'noOtherFields', options: {} },
        id: `${id}-split`,
        name: 'One item per order',
        type: 'n8n-nodes-base.splitOut',
        typeVersion: 1,
        position: [220, 0],
      },
      {
        parameters: {
          resource: 'message',
          operation: 'sendToNumber',
          phoneNumber: '={{ $json.phone }}',
          message: '={{ $json.text }}',
          imageUrl: '',
          options: {},
        },
        id: `${id}-blazwa`,
        name: 'Blazwa',
        type: 'n8n-nodes-blazwa.blazwa',
        typeVersion: 1,
        position: [440, 0],
        credentials: { blazwaApi: FAST_CREDENTIAL },
        ...nodeSettings,
      },
    ],
    connections: {
      Orders: { main: [[{ node: 'One item per order', type: 'main', index: 0 }]] },
      'One item per order': { main: [[{ node: 'Blazwa', type: 'main', index: 0 }]] },
    },
    settings: { executionOrder: 'v1' },
  };
}

function pacedAutoReply(): object {
  const example = JSON.parse(readFileSync(join(NODES_PACKAGE_DIR, 'examples', 'auto-reply-to-incoming-messages.json'), 'utf8')) as {
    nodes: Array<{ credentials?: object; webhookId?: string }>;
  };
  return {
    ...example,
    id: PACED_REPLY.id,
    name: 'E2E: auto-reply at the credential pace',
    active: false,
    nodes: example.nodes.map((node) => ({
      ...node,
      ...(node.credentials ? { credentials: { blazwaApi: PACED_CREDENTIAL } } : {}),
      ...(node.webhookId ? { webhookId: 'blazwa-e2e-paced-reply-webhook' } : {}),
    })),
  };
}

export function retryWorkflowFile(): object[] {
  return [
    ordersWorkflow(RETRY_ON_FAIL.id, RETRY_ON_FAIL.path, 'E2E: orders, Retry On Fail', {
      retryOnFail: true,
      maxTries: 2,
      waitBetweenTries: 0,
    }),
    ordersWorkflow(EXECUTION_RETRY.id, EXECUTION_RETRY.path, 'E2E: orders, retried from the Executions list', {}),
    pacedAutoReply(),
  ];
}

/** 100 orders, each its own message to its own number. */
export function orders(count: number, run: string): Array<{ phone: string; text: string }> {
  return Array.from({ length: count }, (_, index) => ({
    phone: `0812 3456 ${String(7000 + index)}`,
    text: `Pesanan ${run}-${index} sudah dikirim.`,
  }));
}
