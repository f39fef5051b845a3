import { describe, expect, it } from 'vitest';
import { NoWebhookError } from '../src/index.js';
import { api, useSandbox } from './support/sandbox.js';
import { startReceiver } from './support/receiver.js';

async function control(url: string, method: string, path: string, body?: unknown) {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.headers = { 'content-type': 'application/json' };
    init.body = JSON.stringify(body);
  }
  const response = await fetch(`${url}/_sandbox/${path}`, init);
  return { status: response.status, json: (await response.json()) as any };
}

describe('control endpoints (/_sandbox, not part of the real API)', () => {
  const ctx = useSandbox();

  it('pairs and unpairs over HTTP, and the API follows', async () => {
    expect((await control(ctx.sandbox.url, 'POST', 'pair')).json).toEqual({ paired: true, status: 'connected' });
    expect((await api(ctx.sandbox, 'POST', '/openapi/wa/status')).json.status).toBe('connected');
    expect((await control(ctx.sandbox.url, 'POST', 'unpair')).json).toEqual({ paired: false, status: 'qr' });
    expect((await api(ctx.sandbox, 'POST', '/openapi/wa/status')).json.status).toBe('qr');
  });

  it('shows the state without the API key', async () => {
    const { json } = await control(ctx.sandbox.url, 'GET', 'state');
    expect(json).toMatchObject({
      paired: false,
      status: 'qr',
      webhook: null,
      deviceNumber: '6280000000000',
      groups: ['Staff', 'Pelanggan'],
      outbox: [],
      deliveries: [],
    });
    expect(JSON.stringify(json)).not.toContain(ctx.sandbox.apiKey);
  });

  it('serves the QR as a PNG without a key', async () => {
    const response = await fetch(`${ctx.sandbox.url}/_sandbox/qr.png`);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(
      Buffer.from(await response.arrayBuffer())
        .subarray(1, 4)
        .toString('latin1'),
    ).toBe('PNG');
  });

  it('delivers an inbound message to the webhook as JSON and records the delivery', async () => {
    const receiver = await startReceiver();
    try {
      await api(ctx.sandbox, 'POST', '/openapi/wa/webhook', { form: { webhook: receiver.url } });
      const { status, json } = await control(ctx.sandbox.url, 'POST', 'inbound', { from: '6281234567890', message: 'Halo' });
      expect(status).toBe(200);
      expect(json).toMatchObject({ url: receiver.url, status: 200, body: { from: '6281234567890', message: 'Halo' } });
      expect(json.error).toBeUndefined();
      expect(receiver.received).toHaveLength(1);
      expect(receiver.received[0]!.headers['content-type']).toBe('application/json');
      expect(JSON.parse(receiver.received[0]!.body)).toEqual({ from: '6281234567890', message: 'Halo' });
      expect(ctx.sandbox.state.deliveries).toEqual([expect.objectContaining({ url: receiver.url, status: 200, latencyMs: expect.any(Number) })]);
    } finally {
      await receiver.close();
    }
  });

  it('inject() from code passes extra fields through and reports a failing webhook', async () => {
    const receiver = await startReceiver({ status: 500 });
    try {
      await api(ctx.sandbox, 'POST', '/openapi/wa/webhook', { body: { webhook: receiver.url } });
      const delivery = await ctx.sandbox.inject({ from: '0812-3456-7890', message: 'Pesan', pushName: 'Budi' });
      expect(delivery).toMatchObject({
        status: 500,
        error: 'the webhook answered 500',
        body: { from: '0812-3456-7890', message: 'Pesan', pushName: 'Budi' },
      });
      expect(JSON.parse(receiver.received[0]!.body)).toEqual({ from: '0812-3456-7890', message: 'Pesan', pushName: 'Budi' });
    } finally {
      await receiver.close();
    }
  });

  it('records an unreachable webhook and a webhook that is too slow', async () => {
    const gone = await startReceiver();
    await gone.close();
    await api(ctx.sandbox, 'POST', '/openapi/wa/webhook', { body: { webhook: gone.url } });
    const unreachable = await ctx.sandbox.inject({ from: '6281234567890', message: 'x' });
    expect(unreachable.status).toBeUndefined();
    expect(unreachable.error).toMatch(/could not be reached/);

    const slow = await startReceiver({ delayMs: 2000 });
    try {
      await control(ctx.sandbox.url, 'POST', 'options', { webhookTimeoutMs: 100 });
      await api(ctx.sandbox, 'POST', '/openapi/wa/webhook', { body: { webhook: slow.url } });
      const late = await ctx.sandbox.inject({ from: '6281234567890', message: 'y' });
      expect(late.error).toBe('the webhook did not answer within 100 ms');
      expect(ctx.sandbox.state.deliveries).toHaveLength(2);
    } finally {
      await control(ctx.sandbox.url, 'POST', 'options', { webhookTimeoutMs: 10_000 });
      await slow.close();
    }
  });

  it('answers a clear error when no webhook is set', async () => {
    await api(ctx.sandbox, 'GET', '/openapi/wa/webhook/reset');
    const { status, json } = await control(ctx.sandbox.url, 'POST', 'inbound', { from: '6281234567890', message: 'Halo' });
    expect(status).toBe(409);
    expect(json.message).toMatch(/No webhook is set/);
    await expect(ctx.sandbox.inject({ from: '6281234567890', message: 'Halo' })).rejects.toBeInstanceOf(NoWebhookError);
  });

  it('rejects an inbound message without from or message', async () => {
    const { status, json } = await control(ctx.sandbox.url, 'POST', 'inbound', { message: 'Halo' });
    expect(status).toBe(400);
    expect(json.message).toMatch(/^from missing/);
  });

  it('reads and clears the outbox, deliveries and request log', async () => {
    ctx.sandbox.pair();
    await api(ctx.sandbox, 'POST', '/openapi/wa/message', { form: { phoneNumber: '081234567890', message: 'Halo' } });
    ctx.sandbox.unpair();
    expect((await control(ctx.sandbox.url, 'GET', 'outbox')).json).toHaveLength(1);
    expect((await control(ctx.sandbox.url, 'GET', 'requests')).json).toHaveLength(1);
    expect((await control(ctx.sandbox.url, 'DELETE', 'outbox')).json).toEqual({ cleared: 1 });
    expect((await control(ctx.sandbox.url, 'DELETE', 'requests')).json).toEqual({ cleared: 1 });
    expect((await control(ctx.sandbox.url, 'DELETE', 'deliveries')).json).toEqual({ cleared: 0 });
    expect(ctx.sandbox.state.outbox).toHaveLength(0);
    expect(ctx.sandbox.state.requests).toHaveLength(0);
  });

  it('resets everything but keys, groups, pairing and the webhook', async () => {
    ctx.sandbox.pair();
    await api(ctx.sandbox, 'POST', '/openapi/wa/webhook', { form: { webhook: 'https://example.com/hook' } });
    await api(ctx.sandbox, 'POST', '/openapi/wa/message', { form: { phoneNumber: '081234567890', message: 'Halo' } });
    ctx.sandbox.fault({ status: 500 });
    const { json } = await control(ctx.sandbox.url, 'POST', 'reset');
    expect(json).toMatchObject({ paired: true, webhook: 'https://example.com/hook', outbox: [], requests: [], faults: [], deliveries: [] });
    expect(ctx.sandbox.state.outbox).toHaveLength(0);
    ctx.sandbox.unpair();
  });
});
