import { describe, expect, it } from 'vitest';
import { contractProblems, inboundProblems } from './support/contract.js';
import { startReceiver } from './support/receiver.js';
import { api, useSandbox } from './support/sandbox.js';

const json = (method: string, path: string, status: number, body: unknown) =>
  contractProblems({ method, path, status, contentType: 'application/json; charset=utf-8', json: body, png: false });

// api() checks every answer against openapi.yaml as the tests go; this proves that check bites, then sweeps
// every operation through every status the documents give it.
describe('the contract check itself', () => {
  it('accepts documented shapes and rejects broken ones', () => {
    expect(json('POST', '/openapi/wa/status', 200, { message: 'm', status: 'qr', code: null })).toEqual([]);
    expect(json('POST', '/openapi/wa/status', 200, { message: 'm', code: null })).not.toEqual([]);
    expect(
      json('POST', '/openapi/wa/message', 200, {
        message: 'm',
        result: { id: '1', body: 'b', from: 'f', to: 't', media_url: null, created_at: '2026-01-01T00:00:00Z' },
        code: 20001,
      }),
    ).not.toEqual([]);
    expect(json('POST', '/openapi/wa/webhook', 200, { message: 'm', code: 'x' })).not.toEqual([]);
    expect(json('POST', '/openapi/wa/message', 400, { message: 'm', errors: 'phoneNumber', code: 1 })).not.toEqual([]);
    expect(json('POST', '/openapi/wa/message', 500, { message: 'm' })).not.toEqual([]);
    expect(json('POST', '/backend/openapi/wa/message', 401, { message: 'm' })).toEqual([]);
    expect(json('GET', '/openapi/wa/message', 200, {})).toEqual(['GET is not documented for /openapi/wa/message']);
    expect(json('POST', '/openapi/wa/status', 429, { message: 'm' })).toEqual(['status 429 is not documented for POST /openapi/wa/status']);
    expect(
      contractProblems({ method: 'POST', path: '/openapi/wa/login-qr', status: 200, contentType: 'image/png', json: undefined, png: false }),
    ).not.toEqual([]);
    expect(inboundProblems({ message: 'x' })).not.toEqual([]);
  });
});

const OPERATIONS: ReadonlyArray<{ method: string; path: string; init?: Parameters<typeof api>[3] }> = [
  { method: 'GET', path: '/openapi/wa/restart' },
  { method: 'POST', path: '/openapi/wa/status' },
  { method: 'POST', path: '/openapi/wa/login-qr', init: { form: { responseAs: 'string' } } },
  { method: 'POST', path: '/openapi/wa/login-qr' },
  { method: 'GET', path: '/openapi/wa/check-number/0812-3456-7890' },
  { method: 'POST', path: '/openapi/wa/message', init: { form: { phoneNumber: '0812-3456-7890', message: 'Halo' } } },
  { method: 'POST', path: '/openapi/wa/message-group', init: { body: { groupName: 'Staff', imageUrl: 'https://example.com/a.jpg' } } },
  { method: 'POST', path: '/openapi/wa/webhook', init: { form: { webhook: 'https://example.com/hook' } } },
  { method: 'GET', path: '/openapi/wa/webhook/reset' },
];

describe('every answer fits openapi.yaml', () => {
  const ctx = useSandbox();

  describe.each(OPERATIONS)('$method $path', ({ method, path, init }) => {
    it.each([false, true])('200 (paired: %s), 401, 500 and 504, plainly and under /backend', async (paired) => {
      if (paired) ctx.sandbox.pair();
      else ctx.sandbox.unpair();
      for (const prefix of ['', '/backend']) {
        const ok = await api(ctx.sandbox, method, prefix + path, init);
        expect([200, 400]).toContain(ok.status);
        expect((await api(ctx.sandbox, method, prefix + path, { ...init, key: 'wrong' })).status).toBe(401);
        ctx.sandbox.fault({ status: 500 });
        expect((await api(ctx.sandbox, method, prefix + path, init)).status).toBe(500);
        ctx.sandbox.fault({ status: 504 });
        expect((await api(ctx.sandbox, method, prefix + path, init)).status).toBe(504);
      }
      ctx.sandbox.unpair();
    });
  });

  it('400 answers of both documented shapes', async () => {
    expect((await api(ctx.sandbox, 'POST', '/openapi/wa/message', { form: { phoneNumber: 'x' } })).json.errors).toHaveLength(2);
    expect(
      (await api(ctx.sandbox, 'POST', '/openapi/wa/message', { form: { phoneNumber: '081234567890', message: 'x' } })).json.errors,
    ).toBeUndefined();
    expect((await api(ctx.sandbox, 'POST', '/openapi/wa/webhook', { body: 'x', headers: { 'content-type': 'text/csv' } })).status).toBe(400);
  });

  it('the webhook payload fits InboundMessage', async () => {
    const receiver = await startReceiver();
    try {
      await api(ctx.sandbox, 'POST', '/openapi/wa/webhook', { form: { webhook: receiver.url } });
      await ctx.sandbox.inject({ from: '6281234567890', message: 'lorem ipsum dolor sit amet' });
      expect(inboundProblems(JSON.parse(receiver.received[0]!.body))).toEqual([]);
    } finally {
      await receiver.close();
    }
  });
});
