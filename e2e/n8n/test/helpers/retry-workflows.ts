// The workflows of the retry and pace tests, as the editor would export them: a Webhook that takes a list of orders,
// Split Out into one item per order, and Blazwa's Send to Number; and the package's auto-reply example on a
// credential of its own with a short pace.
import { autoReplyExample, blazwaCredential, blazwaNode, n8nNode, n8nWorkflow, NODE_TYPES, webhookNode } from '@blazwa/test-support/n8n-workflows';

import { NODES_PACKAGE_DIR } from '@blazwa/n8n-harness';

/** Unpaced, so 100 sends take a moment. */
export const FAST_CREDENTIAL = { id: 'blazwaE2eFast001', name: 'Blazwa sandbox, unpaced' };
/** The auto-reply's account, at a short pace the test can measure. */
export const PACED_CREDENTIAL = { id: 'blazwaE2ePaced01', name: 'Blazwa sandbox, paced' };
export const PACE_MS = 200;

export function retryCredentialFile(baseUrl: string, apiKey: string): object[] {
  const data = { server: 'custom', baseUrl, apiKey };
  return [
    blazwaCredential(FAST_CREDENTIAL, { ...data, minInterval: 0 }),
    blazwaCredential(PACED_CREDENTIAL, { ...data, minInterval: PACE_MS / 1000 }),
  ];
}

export const RETRY_ON_FAIL = { id: 'blazwaE2eRetry01', path: 'e2e-orders-retry-on-fail' };
export const EXECUTION_RETRY = { id: 'blazwaE2eRetry02', path: 'e2e-orders-execution-retry' };
export const PACED_REPLY = { id: 'blazwaE2ePace001' };

function ordersWorkflow(id: string, path: string, name: string, nodeSettings: object): object {
  return n8nWorkflow(id, name, [
    webhookNode(`${id}-webhook`, 'Orders', path, `${id}-webhook-id`),
    n8nNode({
      id: `${id}-split`,
      name: 'One item per order',
      type: NODE_TYPES.splitOut,
      position: [220, 0],
      parameters: { fieldToSplitOut: 'body.orders', include: 'noOtherFields', options: {} },
    }),
    blazwaNode(
      'Blazwa',
      { resource: 'message', operation: 'sendToNumber', phoneNumber: '={{ $json.phone }}', message: '={{ $json.text }}', imageUrl: '', options: {} },
      FAST_CREDENTIAL,
      { id: `${id}-blazwa`, position: [440, 0], ...nodeSettings },
    ),
  ]);
}

function pacedAutoReply(): object {
  return autoReplyExample(NODES_PACKAGE_DIR, {
    id: PACED_REPLY.id,
    name: 'E2E: auto-reply at the credential pace',
    credential: PACED_CREDENTIAL,
    webhookId: 'blazwa-e2e-paced-reply-webhook',
  });
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
