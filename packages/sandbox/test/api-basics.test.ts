import { describe, expect, it } from 'vitest';
import { api, clientFor, useSandbox } from './support/sandbox.js';

describe('the API over real HTTP', () => {
  const ctx = useSandbox();

  it('starts unpaired: status is qr, then connected once paired', async () => {
    const before = await api(ctx.sandbox, 'POST', '/openapi/wa/status');
    expect(before.status).toBe(200);
    expect(before.json.status).toBe('qr');
    ctx.sandbox.pair();
    const after = await api(ctx.sandbox, 'POST', '/openapi/wa/status');
    expect(after.json).toMatchObject({ status: 'connected' });
    ctx.sandbox.unpair();
  });

  it('sends through core once paired and records the message in the outbox', async () => {
    ctx.sandbox.pair();
    const { client, transport } = clientFor(ctx.sandbox);
    try {
      const sent = await client.sendMessage({ phoneNumber: '0812-3456-7890', message: 'Halo' });
      expect(sent.code).toBe(20001);
      expect(sent.result).toMatchObject({ body: 'Halo', to: '6281234567890', from: '6280000000000', media_url: null });
      expect(sent.result.created_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      expect(ctx.sandbox.state.outbox).toHaveLength(1);
      expect(ctx.sandbox.state.outbox[0]).toMatchObject({ id: sent.result.id, kind: 'number', to: '6281234567890', body: 'Halo' });
    } finally {
      await transport.close();
      ctx.sandbox.unpair();
    }
  });

  it('answers 401 without a key', async () => {
    const answer = await api(ctx.sandbox, 'POST', '/openapi/wa/status', { key: null });
    expect(answer.status).toBe(401);
    expect(typeof answer.json.message).toBe('string');
  });
});
