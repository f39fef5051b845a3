// The Send and Wait workflows, as the editor would export them: a Webhook that takes an order, Blazwa's Send and
// Wait for Response, then a Send to Number that reports the answer, so every answer is counted in the outbox.
import { blazwaCredential, blazwaNode, n8nWorkflow, webhookNode } from '@blazwa/test-support/n8n-workflows';

export const CREDENTIAL = { id: 'blazwaE2eAsk0001', name: 'Blazwa sandbox, send and wait' };

export function askCredentialFile(baseUrl: string, apiKey: string): object[] {
  return [blazwaCredential(CREDENTIAL, { server: 'custom', baseUrl, apiKey, minInterval: 0 })];
}

/** Who gets the report of each answer. */
export const REPORT_TO = '0811 0000 9999';
export const REPORT_TO_WA = '62811' + '00009999';

interface Asker {
  id: string;
  path: string;
  parameters: Record<string, unknown>;
}

export const APPROVE_ONLY: Asker = {
  id: 'blazwaE2eAsk1001',
  path: 'e2e-ask-approve',
  parameters: {
    sendTo: 'number',
    phoneNumber: '0812 3456 1001',
    message: '=Kirim pesanan {{ $json.body.order }} hari ini?',
    responseType: 'approval',
    approvalOptions: { values: { approvalType: 'single', approveLabel: 'Ya, kirim' } },
    options: {},
  },
};

export const APPROVE_OR_DECLINE: Asker = {
  id: 'blazwaE2eAsk1002',
  path: 'e2e-ask-decline',
  parameters: {
    sendTo: 'group',
    groupName: 'Staff',
    message: '=Setujui retur {{ $json.body.order }}?',
    responseType: 'approval',
    approvalOptions: { values: { approvalType: 'double', approveLabel: 'Setuju', disapproveLabel: 'Tolak' } },
    options: { appendAttribution: false },
  },
};

export const FREE_TEXT: Asker = {
  id: 'blazwaE2eAsk1003',
  path: 'e2e-ask-free-text',
  parameters: {
    sendTo: 'number',
    phoneNumber: '0812 3456 1003',
    message: '=Alamat pengiriman untuk {{ $json.body.order }}?',
    responseType: 'freeText',
    options: { messageButtonLabel: 'Tulis alamat', responseFormTitle: 'Alamat pengiriman' },
  },
};

export const CUSTOM_FORM: Asker = {
  id: 'blazwaE2eAsk1005',
  path: 'e2e-ask-custom-form',
  parameters: {
    sendTo: 'number',
    phoneNumber: '0812 3456 1005',
    message: '=Detail pengiriman {{ $json.body.order }}',
    responseType: 'customForm',
    formFields: {
      values: [
        { fieldLabel: 'Jumlah', fieldType: 'number', requiredField: true },
        { fieldLabel: 'Kurir', fieldType: 'dropdown', fieldOptions: { values: [{ option: 'JNE' }, { option: 'SiCepat' }] }, requiredField: true },
        { fieldLabel: 'Catatan', fieldType: 'textarea' },
      ],
    },
    options: {},
  },
};

export const EXPIRES: Asker = {
  id: 'blazwaE2eAsk1004',
  path: 'e2e-ask-expires',
  parameters: {
    sendTo: 'number',
    phoneNumber: '0812 3456 1004',
    message: '=Konfirmasi {{ $json.body.order }} dalam 3 detik',
    responseType: 'approval',
    approvalOptions: { values: { approvalType: 'double' } },
    options: { limitWaitTime: { values: { limitType: 'afterTimeInterval', resumeAmount: 3, resumeUnit: 'seconds' } } },
  },
};

export const ASKERS = [APPROVE_ONLY, APPROVE_OR_DECLINE, FREE_TEXT, CUSTOM_FORM, EXPIRES];

export function askWorkflow({ id, path, parameters }: Asker): object {
  return n8nWorkflow(id, `E2E: send and wait (${path})`, [
    webhookNode(`${id}-webhook`, 'Order', path, `${id}-webhook-id`),
    blazwaNode('Ask', { resource: 'message', operation: 'sendAndWait', ...parameters }, CREDENTIAL, {
      id: `${id}-ask`,
      position: [220, 0],
      webhookId: `${id}-ask-webhook-id`,
    }),
    blazwaNode(
      'Report',
      {
        resource: 'message',
        operation: 'sendToNumber',
        phoneNumber: REPORT_TO,
        // After an expired wait the node hands on its input: the Webhook's item, with no `data`.
        message: `={{ $json.data ? 'Jawaban ${path}: ' + JSON.stringify($json.data) : 'Tidak dijawab ${path}: ' + $json.body.order }}`,
        imageUrl: '',
        options: {},
      },
      CREDENTIAL,
      { id: `${id}-report`, position: [440, 0] },
    ),
  ]);
}

export function askWorkflowFile(): object[] {
  return ASKERS.map(askWorkflow);
}
