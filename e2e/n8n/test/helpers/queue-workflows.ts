// The workflows the queue-mode tests import: the package's auto-reply example, and the login QR served as an image
// by an n8n Webhook node, the way a shop shows its staff the code to scan without opening the editor.
import { CREDENTIAL, AUTO_REPLY, workflowFile } from './workflows.ts';

export { AUTO_REPLY };

export const LOGIN_QR_PAGE = { id: 'blazwaE2eQueueQr', path: 'blazwa-login-qr' };

function loginQrPage(): object {
  return {
    id: LOGIN_QR_PAGE.id,
    name: 'E2E queue mode: the login QR as a web page',
    active: false,
    nodes: [
      {
        parameters: {
          httpMethod: 'GET',
          path: LOGIN_QR_PAGE.path,
          responseMode: 'lastNode',
          responseData: 'firstEntryBinary',
          responseBinaryPropertyName: 'data',
          options: {},
        },
        id: `${LOGIN_QR_PAGE.id}-webhook`,
        name: 'Webhook',
        type: 'n8n-nodes-base.webhook',
        typeVersion: 2,
        position: [0, 0],
        webhookId: '5d0c3c8e-2f4a-4b7e-9a61-0e8d7c6b5a41',
      },
      {
        parameters: { resource: 'device', operation: 'getQr', qrOutput: 'binary', binaryPropertyName: 'data' },
        id: `${LOGIN_QR_PAGE.id}-blazwa`,
        name: 'Blazwa',
        type: 'n8n-nodes-blazwa.blazwa',
        typeVersion: 1,
        position: [240, 0],
        credentials: { blazwaApi: CREDENTIAL },
      },
    ],
    connections: { Webhook: { main: [[{ node: 'Blazwa', type: 'main', index: 0 }]] } },
    settings: { executionOrder: 'v1' },
  };
}

/** The auto-reply example (as the single-instance tests import it) and the QR page. */
export function queueWorkflowFile(): object[] {
  const autoReply = workflowFile().find((workflow) => (workflow as { id: string }).id === AUTO_REPLY.id)!;
  return [autoReply, loginQrPage()];
}
