// The workflows the queue-mode tests import: the package's auto-reply example, the login QR served as an image by an
// n8n Webhook node (the way a shop shows its staff the code to scan without opening the editor), and order notices
// sent through a paced credential.
import { blazwaNode, n8nNode, n8nWorkflow, NODE_TYPES, webhookNode, type Workflow } from '@blazwa/test-support/n8n-workflows';

import { APPROVE_ONLY, askWorkflow } from './send-and-wait-workflows.ts';
import { CREDENTIAL, AUTO_REPLY, workflowFile } from './workflows.ts';

export { AUTO_REPLY };

export const LOGIN_QR_PAGE = { id: 'blazwaE2eQueueQr', path: 'blazwa-login-qr' };

/** Order notices sent through a second credential of the same account, paced at `minIntervalMs`. */
export const PACED_SENDS = {
  id: 'blazwaE2eQueuePaced',
  path: 'blazwa-paced-order',
  credential: { id: 'blazwaE2eQueuePacedCred', name: 'Blazwa sandbox, paced' },
  minIntervalMs: 300,
  phoneNumber: '0812 3456 0001',
};

/** Webhook (answered at once) → Blazwa *Send to Number*: a shop's "order paid" notice, one execution per order. */
function pacedSends(): Workflow {
  return n8nWorkflow(PACED_SENDS.id, 'E2E queue mode: an order notice per webhook call, paced by its credential', [
    webhookNode(`${PACED_SENDS.id}-webhook`, 'Webhook', PACED_SENDS.path, '8a1f0d52-6c3e-4f7b-b2d9-3e5a7c91f046'),
    blazwaNode(
      'Blazwa',
      {
        resource: 'message',
        operation: 'sendToNumber',
        phoneNumber: PACED_SENDS.phoneNumber,
        // The execution's id in the text says which worker sent it (from the workers' logs).
        message: "={{ 'order notice, execution ' + $execution.id }}",
      },
      PACED_SENDS.credential,
      { id: `${PACED_SENDS.id}-blazwa`, position: [240, 0] },
    ),
  ]);
}

/** A GET Webhook answered by the Blazwa node's QR picture: what a shop's staff open to scan the code. */
function loginQrPage(): Workflow {
  return n8nWorkflow(LOGIN_QR_PAGE.id, 'E2E queue mode: the login QR as a web page', [
    n8nNode({
      id: `${LOGIN_QR_PAGE.id}-webhook`,
      name: 'Webhook',
      type: NODE_TYPES.webhook,
      typeVersion: 2,
      parameters: {
        httpMethod: 'GET',
        path: LOGIN_QR_PAGE.path,
        responseMode: 'lastNode',
        responseData: 'firstEntryBinary',
        responseBinaryPropertyName: 'data',
        options: {},
      },
      webhookId: '5d0c3c8e-2f4a-4b7e-9a61-0e8d7c6b5a41',
    }),
    blazwaNode('Blazwa', { resource: 'device', operation: 'getQr', qrOutput: 'binary', binaryPropertyName: 'data' }, CREDENTIAL, {
      id: `${LOGIN_QR_PAGE.id}-blazwa`,
      position: [240, 0],
    }),
  ]);
}

/**
 * The auto-reply example (as the single-instance tests import it), the QR page, the paced order notices, and Send and
 * Wait's approve-only question (as its own tests import it).
 */
export function queueWorkflowFile(): object[] {
  const autoReply = workflowFile().find((workflow) => (workflow as { id: string }).id === AUTO_REPLY.id)!;
  return [autoReply, loginQrPage(), pacedSends(), askWorkflow(APPROVE_ONLY)];
}
