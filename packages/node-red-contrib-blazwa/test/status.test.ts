import { qrTextToImage } from '@blazwa/core';
import { startSandbox, type Sandbox } from '@blazwa/sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import {
  calls,
  catchAll,
  collect,
  configFor,
  configNode,
  credentialsFor,
  helper,
  onTab,
  startServer,
  statusNode,
  stopServer,
  until,
} from './support.js';

let sandbox: Sandbox | undefined;

async function setup(paired: boolean, status: Record<string, unknown>, options: Parameters<typeof startSandbox>[0] = {}) {
  sandbox = await startSandbox({ paired, ...options });
  await startServer();
  const flow = onTab([
    configFor(sandbox),
    { id: 'service', type: 'blazwa-status', account: 'account', wires: [['out']], ...status },
    { id: 'out', type: 'helper' },
    ...catchAll,
  ]);
  await helper.load([configNode, statusNode], flow, credentialsFor(sandbox));
  return { sandbox, node: helper.getNode('service'), out: collect(helper.getNode('out')), caught: collect(helper.getNode('caught')) };
}

afterEach(async () => {
  await helper.unload();
  await stopServer();
  await sandbox?.close();
  sandbox = undefined;
});

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('blazwa-status actions', () => {
  it('status: connected once paired', async () => {
    const { node, out } = await setup(true, { action: 'status' });
    node.receive({ topic: 't' });
    const [msg] = await out.next();
    expect(msg!.payload).toMatchObject({ status: 'connected' });
    expect(msg!.topic).toBe('t');
  });

  it('status: qr while waiting for a scan', async () => {
    const { node, out } = await setup(false, { action: 'status' });
    node.receive({});
    const [msg] = await out.next();
    expect(msg!.payload.status).toBe('qr');
  });

  it('restart', async () => {
    const { node, out, sandbox } = await setup(true, { action: 'restart' });
    node.receive({});
    const [msg] = await out.next();
    expect(msg!.payload.status).toEqual(expect.any(String));
    expect(sandbox.state.requests.map((request) => request.operation)).toEqual(['restart']);
  });

  for (const [format, check] of [
    ['buffer', (payload: unknown) => expect(Buffer.isBuffer(payload) && (payload as Buffer).subarray(0, 8).equals(PNG)).toBe(true)],
    [
      'base64',
      (payload: unknown) =>
        expect(
          Buffer.from(payload as string, 'base64')
            .subarray(0, 8)
            .equals(PNG),
        ).toBe(true),
    ],
    [
      'dataUrl',
      (payload: unknown) => {
        expect(payload).toMatch(/^data:image\/png;base64,/);
        expect(
          Buffer.from((payload as string).split(',')[1]!, 'base64')
            .subarray(0, 8)
            .equals(PNG),
        ).toBe(true);
      },
    ],
  ] as const) {
    it(`qr as ${format}`, async () => {
      const { node, out } = await setup(false, { action: 'qr', qrFormat: format });
      node.receive({});
      const [msg] = await out.next();
      check(msg!.payload);
    });
  }

  // Services differ in what qr_string holds; whichever the sandbox answers, the user gets the same PNG.
  for (const qrAs of ['image', 'base64', 'text'] as const) {
    it(`qr as a Buffer when the service answers the QR as ${qrAs}`, async () => {
      const { node, out, caught, sandbox } = await setup(false, { action: 'qr', qrFormat: 'buffer' }, { qrAs });
      node.receive({ _msgid: 'one' });
      const [msg] = await out.next();
      expect(Buffer.isBuffer(msg!.payload) && msg!.payload.subarray(0, 8).equals(PNG)).toBe(true);
      const answer = await fetch(`${sandbox.url}/openapi/wa/login-qr`, {
        method: 'POST',
        headers: { 'x-api-key': sandbox.apiKey, 'content-type': 'application/json' },
        body: JSON.stringify({ responseAs: 'string' }),
      });
      const { qr_string: qrString } = (await answer.json()) as { qr_string: string };
      const expected = qrAs === 'text' ? Buffer.from(qrTextToImage(qrString).data) : Buffer.from(qrString, 'base64');
      expect((msg!.payload as Buffer).equals(expected)).toBe(true);
      expect(out.messages).toHaveLength(1);
      expect(caught.messages).toHaveLength(0);
    });
  }

  it('check-number: msg.payload or msg.phoneNumber, answered { phoneNumber, isRegistered }', async () => {
    const { node, out } = await setup(true, { action: 'check-number' }, { unregistered: ['6281111111111'] });
    node.receive({ payload: '0812 3456 7890' });
    node.receive({ phoneNumber: '+62 811-1111-1111' });
    const [first, second] = await out.next(2);
    expect(first!.payload).toEqual({ phoneNumber: '6281234567890', isRegistered: true });
    expect(second!.payload).toEqual({ phoneNumber: '6281111111111', isRegistered: false });
  });

  it('set-webhook and reset-webhook', async () => {
    const { node, out, sandbox } = await setup(true, { action: 'set-webhook' });
    node.receive({ payload: 'https://nodered.example.com/blazwa/abc' });
    const [msg] = await out.next();
    expect(msg!.payload.webhook).toBe('https://nodered.example.com/blazwa/abc');
    expect(sandbox.state.webhook).toBe('https://nodered.example.com/blazwa/abc');

    await helper.unload();
    const flow = onTab([
      configFor(sandbox),
      { id: 'service', type: 'blazwa-status', account: 'account', action: 'reset-webhook', wires: [['out']] },
      { id: 'out', type: 'helper' },
    ]);
    await helper.load([configNode, statusNode], flow, credentialsFor(sandbox));
    const reset = collect(helper.getNode('out'));
    helper.getNode('service').receive({});
    await reset.next();
    expect(sandbox.state.webhook).toBeNull();
  });

  it('failures reach a Catch node with the msg intact', async () => {
    const { node, caught, sandbox } = await setup(true, { action: 'status' });
    sandbox.fault({ status: 500, count: 5 });
    node.receive({ payload: 'keep' });
    const [msg] = await caught.next();
    expect(msg!.payload).toBe('keep');
    expect(msg!.error.message).toContain('(500)');
  });

  it('check-number without a number says where to put it', async () => {
    const { node, caught } = await setup(true, { action: 'check-number' });
    node.receive({ payload: { not: 'a number' } });
    const [msg] = await caught.next();
    expect(msg!.error.message).toContain('msg.phoneNumber or msg.payload');
  });
});

describe('blazwa-status watch mode', () => {
  it('sends a msg when the state changes, and shows it as node status', async () => {
    const { node, out, sandbox } = await setup(false, { action: 'status', watch: true, interval: 10 });
    const statuses = calls(node, 'status');
    const [first] = await out.next();
    expect(first!.payload).toMatchObject({ status: 'qr', previous: null });
    await until(() => statuses.some(([status]) => (status as { fill?: string }).fill === 'yellow'), 'the waiting status');
    expect(statuses.at(-1)![0]).toEqual({ fill: 'yellow', shape: 'ring', text: 'blazwa-status.status.qr' });
    sandbox.pair();
    const [, second] = await out.next(2);
    expect(second!.payload).toMatchObject({ status: 'connected', previous: 'qr' });
    await until(() => (statuses.at(-1)?.[0] as { fill?: string }).fill === 'green', 'the connected status');
    expect(statuses.at(-1)![0]).toEqual({ fill: 'green', shape: 'dot', text: 'blazwa-status.status.connected' });
    expect(out.messages).toHaveLength(2);
  });
});

describe('blazwa-config admin endpoints', () => {
  it('login-qr gives the QR as a data URL while waiting for a scan, and status follows the pairing', async () => {
    const { sandbox } = await setup(false, { action: 'status' });
    const qr = await helper.request().post('/blazwa-config/account/login-qr').expect(200);
    expect(qr.body.status).toBe('qr');
    expect(qr.body.qr).toMatch(/^data:image\/png;base64,/);
    expect(JSON.stringify(qr.body)).not.toContain(sandbox.apiKey);
    const waiting = await helper.request().get('/blazwa-config/account/status').expect(200);
    expect(waiting.body.status).toBe('qr');
    sandbox.pair();
    const connected = await helper.request().get('/blazwa-config/account/status').expect(200);
    expect(connected.body.status).toBe('connected');
    const again = await helper.request().post('/blazwa-config/account/login-qr').expect(200);
    expect(again.body).toMatchObject({ status: 'connected' });
    expect(again.body.qr).toBeUndefined();
  });

  it('answers 404 for a config node that is not deployed', async () => {
    await setup(true, { action: 'status' });
    const response = await helper.request().get('/blazwa-config/nope/status').expect(404);
    expect(response.body.message).toContain('Deploy');
  });
});
