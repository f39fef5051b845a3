// The workflows and credential imported into the instance, as the editor would export them.
import {
  autoReplyExample as shippedAutoReply,
  blazwaCredential,
  blazwaNode,
  n8nNode,
  n8nWorkflow,
  NODE_TYPES,
} from '@blazwa/test-support/n8n-workflows';

import { NODES_PACKAGE_DIR } from '@blazwa/n8n-harness';

export const CREDENTIAL = { id: 'blazwaE2eCred01', name: 'Blazwa sandbox' };

/** n8n's credential export format; `data` in the clear, as `import:credentials` encrypts it on the way in. */
export function credentialFile(baseUrl: string, apiKey: string, pace: { minInterval?: number } = {}): object[] {
  return [blazwaCredential(CREDENTIAL, { server: 'custom', baseUrl, apiKey, ...pace })];
}

/** Manual trigger → one Blazwa node: what a user builds to try an operation by hand. */
function manualWorkflow(id: string, name: string, parameters: Record<string, unknown>): object {
  return n8nWorkflow(id, name, [
    n8nNode({ id: `${id}-start`, name: 'Start', type: NODE_TYPES.manualTrigger }),
    blazwaNode('Blazwa', parameters, CREDENTIAL, { id: `${id}-blazwa`, position: [240, 0] }),
  ]);
}

export const SEND = { id: 'blazwaE2eSend001', phoneNumber: '0812-3456-7890', message: 'Halo dari n8n: pesanan #A-1 sudah dikirim.' };
export const CHECK = { id: 'blazwaE2eCheck01', phoneNumber: '+62 813 1111 2222' };
export const QR = { id: 'blazwaE2eQrCode1' };
/** The auto-reply example the package ships, with a fixed id and this instance's credential. */
export const AUTO_REPLY = { id: 'blazwaE2eReply01', exampleName: 'Blazwa: auto-reply to incoming WhatsApp messages' };

function autoReplyExample(): object {
  return shippedAutoReply(NODES_PACKAGE_DIR, { id: AUTO_REPLY.id, credential: CREDENTIAL });
}

export function workflowFile(): object[] {
  return [
    manualWorkflow(SEND.id, 'E2E: send a message', {
      resource: 'message',
      operation: 'sendToNumber',
      phoneNumber: SEND.phoneNumber,
      message: SEND.message,
      imageUrl: '',
      options: {},
    }),
    manualWorkflow(CHECK.id, 'E2E: check a number', { resource: 'number', operation: 'check', phoneNumber: CHECK.phoneNumber }),
    manualWorkflow(QR.id, 'E2E: login QR as a file', {
      resource: 'device',
      operation: 'getQr',
      qrOutput: 'binary',
      binaryPropertyName: 'data',
    }),
    autoReplyExample(),
  ];
}
