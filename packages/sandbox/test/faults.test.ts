import { isBlazwaError, type BlazwaError } from '@blazwa/core';
import { describe, expect, it } from 'vitest';
import { api, clientFor, useSandbox } from './support/sandbox.js';

const SEND = { form: { phoneNumber: '081234567890', message: 'Halo' } };

describe('faults', () => {
  const ctx = useSandbox({ paired: true });

  it.each([500, 502, 503])('a %s answers the 500 shape and sends nothing', async (status) => {
    ctx.sandbox.fault({ status: status as 500 });
    const answer = await api(ctx.sandbox, 'POST', '/openapi/wa/message', SEND);
    expect(answer.status).toBe(status);
    expect(answer.json).toEqual({ message: expect.any(String), error: expect.any(String), code: 50001 });
    expect(ctx.sandbox.state.outbox).toHaveLength(0);
    // Only the next request: the one after goes through.
    expect((await api(ctx.sandbox, 'POST', '/openapi/wa/message', SEND)).status).toBe(200);
    expect(ctx.sandbox.state.outbox).toHaveLength(1);
  });

  it('a 504 answers { message }', async () => {
    ctx.sandbox.fault({ status: 504 });
    const answer = await api(ctx.sandbox, 'POST', '/openapi/wa/status');
    expect(answer.status).toBe(504);
    expect(answer.json).toEqual({ message: expect.any(String) });
  });

  it('a 429 carries Retry-After, and core reads it', async () => {
    ctx.sandbox.fault({ status: 429, retryAfterSeconds: 7, count: 2 });
    const raw = await api(ctx.sandbox, 'POST', '/openapi/wa/message', SEND);
    expect(raw.status).toBe(429);
    expect(raw.headers.get('retry-after')).toBe('7');
    const { client, transport } = clientFor(ctx.sandbox);
    const error = await client.sendMessage({ phoneNumber: '081234567890', message: 'Halo' }).catch((e: unknown) => e);
    await transport.close();
    expect(isBlazwaError(error)).toBe(true);
    expect((error as BlazwaError).retryAfterMs).toBe(7000);
    expect(ctx.sandbox.state.outbox).toHaveLength(0);
  });

  it('applies to the next count requests of the named operations only', async () => {
    ctx.sandbox.fault({ status: 500, count: 2, operations: ['sendMessage', 'message-group'] });
    expect((await api(ctx.sandbox, 'POST', '/openapi/wa/status')).status).toBe(200);
    expect((await api(ctx.sandbox, 'POST', '/openapi/wa/message', SEND)).status).toBe(500);
    expect(ctx.sandbox.state.faults).toEqual([expect.objectContaining({ remaining: 1 })]);
    expect((await api(ctx.sandbox, 'POST', '/backend/openapi/wa/message-group', { form: { groupName: 'Staff', message: 'x' } })).status).toBe(500);
    expect(ctx.sandbox.state.faults).toHaveLength(0);
    expect((await api(ctx.sandbox, 'POST', '/openapi/wa/message', SEND)).status).toBe(200);
  });

  it('a drop closes the connection without answering and sends nothing', async () => {
    ctx.sandbox.fault({ drop: true });
    await expect(
      fetch(`${ctx.sandbox.url}/openapi/wa/message`, {
        method: 'POST',
        headers: { 'x-api-key': ctx.sandbox.apiKey, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'phoneNumber=081234567890&message=Halo',
      }),
    ).rejects.toThrow();
    expect(ctx.sandbox.state.outbox).toHaveLength(0);
    expect(ctx.sandbox.state.requests.at(-1)).toMatchObject({ operation: 'message', status: 0 });
    const { client, transport } = clientFor(ctx.sandbox);
    ctx.sandbox.fault({ drop: true });
    const error = (await client.sendMessage({ phoneNumber: '081234567890', message: 'Halo' }).catch((e: unknown) => e)) as BlazwaError;
    await transport.close();
    expect(error.kind).toBe('network');
    // The client cannot know the message was not sent, so it must not resend it.
    expect(error.requestSent).toBe(true);
    expect(ctx.sandbox.state.outbox).toHaveLength(0);
  });

  it('dropAfterProcessing records the message, then drops: sent but unanswered', async () => {
    ctx.sandbox.fault({ dropAfterProcessing: true });
    const { client, transport } = clientFor(ctx.sandbox);
    const error = (await client.sendMessage({ phoneNumber: '081234567890', message: 'Sekali saja' }).catch((e: unknown) => e)) as BlazwaError;
    await transport.close();
    expect(error.kind).toBe('network');
    expect(ctx.sandbox.state.outbox).toEqual([expect.objectContaining({ body: 'Sekali saja' })]);
  });

  it('a delay processes the send, then answers late: a client that gives up has still sent it', async () => {
    ctx.sandbox.fault({ delayMs: 60_000 });
    const { client, transport } = clientFor(ctx.sandbox, { timeoutMs: 300 });
    const error = (await client.sendMessage({ phoneNumber: '081234567890', message: 'Terlambat' }).catch((e: unknown) => e)) as BlazwaError;
    transport.close().catch(() => undefined);
    expect(error.kind).toBe('timeout');
    await expect.poll(() => ctx.sandbox.state.outbox.length).toBe(1);
    expect(ctx.sandbox.state.outbox[0]).toMatchObject({ body: 'Terlambat' });
    // The request log shows it too, as nginx would: 499, the client closed the connection first.
    await expect
      .poll(() => ctx.sandbox.state.requests.map(({ operation, status }) => ({ operation, status })))
      .toEqual([{ operation: 'message', status: 499 }]);
  });

  it('a delay alone still answers normally to a patient client', async () => {
    ctx.sandbox.fault({ delayMs: 300 });
    const sent = Date.now();
    const answer = await api(ctx.sandbox, 'POST', '/openapi/wa/status');
    const answered = Date.now();
    expect(answer.status).toBe(200);
    expect(answer.json.status).toBe('connected');
    // The request log says when the request arrived, not when it was answered.
    const { at } = ctx.sandbox.state.requests.at(-1)!;
    expect(at - sent).toBeLessThan(answered - sent - 250);
  });

  it('a status with a delay answers the status late and sends nothing', async () => {
    ctx.sandbox.fault({ status: 504, delayMs: 50 });
    expect((await api(ctx.sandbox, 'POST', '/openapi/wa/message', SEND)).status).toBe(504);
    expect(ctx.sandbox.state.outbox).toHaveLength(0);
  });

  it('takes faults over HTTP and rejects bad ones', async () => {
    const post = (body: unknown) =>
      fetch(`${ctx.sandbox.url}/_sandbox/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const queued = await post([{ status: 503 }, { status: 429, operations: ['status'] }]);
    expect(queued.status).toBe(200);
    expect(((await queued.json()) as { faults: unknown }).faults).toEqual([
      { status: 503, remaining: 1 },
      { status: 429, retryAfterSeconds: 1, operations: ['status'], remaining: 1 },
    ]);
    for (const bad of [{ status: 418 }, {}, { status: 500, count: 0 }, { status: 500, operations: ['nope'] }, { delayMs: -1 }]) {
      const answer = await post(bad);
      expect(answer.status).toBe(400);
      expect(((await answer.json()) as { message: unknown }).message).toEqual(expect.any(String));
    }
    const cleared = await fetch(`${ctx.sandbox.url}/_sandbox/faults`, { method: 'DELETE' });
    expect(await cleared.json()).toEqual({ cleared: 2 });
  });

  it('close() does not wait for a long fault delay', async () => {
    const { startSandbox } = await import('../src/index.js');
    const sandbox = await startSandbox();
    sandbox.fault({ delayMs: 60_000 });
    const pending = fetch(`${sandbox.url}/openapi/wa/status`, { method: 'POST', headers: { 'x-api-key': sandbox.apiKey } }).catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await sandbox.close();
    await pending;
    expect(sandbox.state.requests.length).toBeLessThanOrEqual(1);
  });
});
