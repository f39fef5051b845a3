// The flows the demo deploys: what a new user should see working in the first minute.
import { randomBytes } from 'node:crypto';

export interface AccountSetting {
  server: string;
  baseUrl: string;
  apiKey: string;
  /** Where the sandbox (or the service) can reach this Node-RED. */
  publicBaseUrl: string;
}

export const CONFIG_ID = 'blazwa-demo-account';

type Position = [x: number, y: number];

/** A send node whose fields are left empty, so it takes msg.phoneNumber and the text msg.payload. */
function sendNode(id: string, z: string, name: string, [x, y]: Position, wire: string) {
  const empty = (field: string) => ({ [field]: '', [`${field}Type`]: 'str' });
  return {
    id,
    z,
    type: 'blazwa-send',
    name,
    account: CONFIG_ID,
    target: 'number',
    ...empty('phoneNumber'),
    ...empty('groupName'),
    ...empty('message'),
    ...empty('imageUrl'),
    checkNumber: false,
    x,
    y,
    wires: [[wire]],
  };
}

function statusNode(id: string, name: string, action: string, watch: boolean, [x, y]: Position, wire: string) {
  return {
    id,
    z: 'demo-status',
    type: 'blazwa-status',
    name,
    account: CONFIG_ID,
    action,
    watch,
    interval: 10,
    qrFormat: 'dataUrl',
    x,
    y,
    wires: [[wire]],
  };
}

/** The demo's flows, and the API key as the config node's credential (kept out of flows.json). */
export function demoFlows(account: AccountSetting): { flows: unknown[]; credentials: Record<string, Record<string, string>> } {
  const tab = (id: string, label: string, info: string) => ({ id, type: 'tab', label, disabled: false, info });
  const triggerPath = `/blazwa/${randomBytes(12).toString('hex')}`;
  const flows = [
    tab('demo-send', '1. Send a message', 'Click the button of the inject node: the message goes to the Blazwa sandbox and shows in its outbox.'),
    tab('demo-bot', '2. Auto-reply bot', 'Send an inbound message from the sandbox console: the trigger receives it and the bot replies.'),
    tab('demo-status', '3. Status and QR', 'Shows whether the WhatsApp account is connected; gets the QR to pair it.'),
    {
      id: CONFIG_ID,
      type: 'blazwa-config',
      name: account.server === 'custom' ? 'Blazwa sandbox' : 'Blazwa',
      server: account.server,
      baseUrl: account.server === 'custom' ? account.baseUrl : '',
      timeout: 30,
      minInterval: 1,
      publicBaseUrl: account.publicBaseUrl,
    },
    // 1. inject → send → debug
    {
      id: 'demo-send-inject',
      z: 'demo-send',
      type: 'inject',
      name: 'Order paid',
      props: [{ p: 'payload' }, { p: 'phoneNumber', v: '0812-3456 7890', vt: 'str' }],
      payload: 'Terima kasih! Pesanan #1234 sudah dibayar.',
      payloadType: 'str',
      repeat: '',
      once: false,
      x: 140,
      y: 80,
      wires: [['demo-send-node']],
    },
    sendNode('demo-send-node', 'demo-send', 'WhatsApp the customer', [360, 80], 'demo-send-debug'),
    {
      id: 'demo-send-debug',
      z: 'demo-send',
      type: 'debug',
      name: 'Sent',
      active: true,
      complete: 'payload',
      targetType: 'msg',
      x: 560,
      y: 80,
      wires: [],
    },
    {
      id: 'demo-send-catch',
      z: 'demo-send',
      type: 'catch',
      name: 'When a send fails',
      scope: ['demo-send-node'],
      uncaught: false,
      x: 150,
      y: 160,
      wires: [['demo-send-error']],
    },
    {
      id: 'demo-send-error',
      z: 'demo-send',
      type: 'debug',
      name: 'Why',
      active: true,
      complete: 'error',
      targetType: 'msg',
      x: 360,
      y: 160,
      wires: [],
    },
    // 2. trigger → reply text → send back to the sender
    {
      id: 'demo-bot-trigger',
      z: 'demo-bot',
      type: 'blazwa-trigger',
      name: 'Incoming WhatsApp',
      account: CONFIG_ID,
      path: triggerPath,
      allowFrom: '',
      register: true,
      x: 150,
      y: 80,
      wires: [['demo-bot-reply']],
    },
    {
      id: 'demo-bot-reply',
      z: 'demo-bot',
      type: 'change',
      name: 'Reply text',
      rules: [
        { t: 'set', p: 'phoneNumber', pt: 'msg', to: 'from', tot: 'msg' },
        { t: 'set', p: 'payload', pt: 'msg', to: '"Halo! Kami menerima pesan Anda: \\"" & payload & "\\""', tot: 'jsonata' },
      ],
      x: 370,
      y: 80,
      wires: [['demo-bot-send']],
    },
    sendNode('demo-bot-send', 'demo-bot', 'Reply', [560, 80], 'demo-bot-debug'),
    {
      id: 'demo-bot-debug',
      z: 'demo-bot',
      type: 'debug',
      name: 'Replied',
      active: true,
      complete: 'payload',
      targetType: 'msg',
      x: 740,
      y: 80,
      wires: [],
    },
    // 3. status watch, and a QR on request
    statusNode('demo-status-watch', 'Watch the connection', 'status', true, [170, 80], 'demo-status-debug'),
    {
      id: 'demo-status-debug',
      z: 'demo-status',
      type: 'debug',
      name: 'State changed',
      active: true,
      complete: 'payload',
      targetType: 'msg',
      x: 400,
      y: 80,
      wires: [],
    },
    {
      id: 'demo-qr-inject',
      z: 'demo-status',
      type: 'inject',
      name: 'Get QR',
      props: [],
      repeat: '',
      once: false,
      x: 130,
      y: 160,
      wires: [['demo-qr']],
    },
    statusNode('demo-qr', 'Login QR', 'qr', false, [300, 160], 'demo-qr-debug'),
    {
      id: 'demo-qr-debug',
      z: 'demo-status',
      type: 'debug',
      name: 'QR (data URL)',
      active: true,
      complete: 'payload',
      targetType: 'msg',
      x: 480,
      y: 160,
      wires: [],
    },
  ];
  return { flows, credentials: { [CONFIG_ID]: { apiKey: account.apiKey } } };
}
