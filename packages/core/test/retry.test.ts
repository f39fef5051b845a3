import { afterEach, describe, expect, it } from 'vitest';
import { BlazwaClient, BlazwaError } from '../src/index.js';
import { undiciTransport } from '../src/undici/index.js';
import { ok, refusedUrl, rejection, startTestServer, type Answer } from './support/test-server.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

/** Records the waits instead of waiting, so backoff is checked exactly and quickly. */
function recordingSleep() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

async function scripted(answers: Answer[], options: { timeoutMs?: number } = {}) {
  const server = await startTestServer((_, index) => answers[index] ?? answers[answers.length - 1]!);
  const transport = undiciTransport({ baseUrl: server.url, apiKey: 'k', timeoutMs: options.timeoutMs ?? 2000 });
  closers.push(server.close, () => transport.close());
  const { waits, sleep } = recordingSleep();
  const client = new BlazwaClient({
    transport,
    sleep,
    random: () => 0.5,
    retry: { retries: 3, minDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 5000 },
  });
  return { server, client, waits };
}

describe('retries of calls that are safe to repeat', () => {
  it.each([502, 503, 504, 429])('status() retries %i with capped exponential backoff and jitter', async (status) => {
    const { server, client, waits } = await scripted([
      { status, json: { message: 'busy' } },
      { status, json: { message: 'busy' } },
      { status: 200, json: ok.status },
    ]);
    await expect(client.status()).resolves.toMatchObject({ status: 'connected' });
    expect(server.requests).toHaveLength(3);
    expect(waits).toEqual([75, 150]); // ceiling 100, 200: half fixed + half × 0.5
  });

  it('honours Retry-After', async () => {
    const { client, waits } = await scripted([
      { status: 429, json: { message: 'slow' }, headers: { 'retry-after': '2' } },
      { status: 200, json: ok.status },
    ]);
    await client.status();
    expect(waits).toEqual([2000]);
  });

  it('does not wait for a Retry-After beyond the cap: the error comes back at once', async () => {
    const { server, client, waits } = await scripted([{ status: 503, json: { message: 'maintenance' }, headers: { 'retry-after': '3600' } }]);
    await expect(client.checkNumber('0812 3456 7890')).rejects.toMatchObject({ kind: 'server', status: 503, retryAfterMs: 3_600_000 });
    expect(server.requests).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('gives up after the configured retries with the last error', async () => {
    const { server, client, waits } = await scripted([{ status: 502, json: { message: 'bad gateway' } }]);
    await expect(client.setWebhook('https://example.com/hook')).rejects.toMatchObject({ kind: 'server', status: 502 });
    expect(server.requests).toHaveLength(4);
    expect(waits).toEqual([75, 150, 300]);
  });

  it('retries a dropped connection and a client timeout for status()', async () => {
    const { server, client } = await scripted([{ drop: true }, { hang: true }, { status: 200, json: ok.status }], { timeoutMs: 300 });
    await expect(client.status()).resolves.toMatchObject({ status: 'connected' });
    expect(server.requests).toHaveLength(3);
  });

  it('never retries 400, 401 or 500', async () => {
    for (const status of [400, 401, 500]) {
      const { server, client } = await scripted([{ status, json: { message: 'no', error: 'x', code: null } }]);
      await expect(client.status()).rejects.toBeInstanceOf(BlazwaError);
      expect(server.requests).toHaveLength(1);
    }
  });

  it('retry: false turns retries off', async () => {
    const server = await startTestServer(() => ({ status: 503, json: { message: 'busy' } }));
    const transport = undiciTransport({ baseUrl: server.url, apiKey: 'k' });
    closers.push(server.close, () => transport.close());
    await expect(new BlazwaClient({ transport, retry: false }).status()).rejects.toMatchObject({ status: 503 });
    expect(server.requests).toHaveLength(1);
  });

  it('asks for sleep when retries are on', () => {
    const transport = { request: async () => ({ status: 200, headers: {}, body: new Uint8Array() }) };
    expect(() => new BlazwaClient({ transport })).toThrow('BlazwaClient needs { sleep }');
  });
});

describe('sends and restart are never repeated once they may have reached the server', () => {
  it.each<[string, Answer]>([
    ['502', { status: 502, json: { message: 'bad gateway' } }],
    ['503', { status: 503, json: { message: 'busy' } }],
    ['504', { status: 504, json: { message: 'Gateway Time-out' } }],
    ['429', { status: 429, json: { message: 'slow' }, headers: { 'retry-after': '1' } }],
    ['a dropped connection', { drop: true }],
    ['a client timeout', { hang: true }],
  ])('sendMessage after %s: one request, the error reaches the caller', async (_, answer) => {
    const { server, client, waits } = await scripted([answer, { status: 200, json: ok.sent('62812', 'x') }], { timeoutMs: 300 });
    const error = await rejection(client.sendMessage({ phoneNumber: '0812 3456 7890', message: 'x' }));
    expect(error).toBeInstanceOf(BlazwaError);
    expect(server.requests).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('sendGroupMessage and restart behave the same', async () => {
    const { server, client } = await scripted([{ status: 504, json: { message: 'Gateway Time-out' } }]);
    await expect(client.sendGroupMessage({ groupName: 'Staff', message: 'x' })).rejects.toMatchObject({ kind: 'timeout' });
    await expect(client.restart()).rejects.toMatchObject({ kind: 'timeout' });
    expect(server.requests).toHaveLength(2);
  });

  it('a refused connection (nothing written) is retried, even for a send', async () => {
    const transport = undiciTransport({ baseUrl: await refusedUrl(), apiKey: 'k' });
    closers.push(() => transport.close());
    const { waits, sleep } = recordingSleep();
    const client = new BlazwaClient({ transport, sleep, random: () => 0, retry: { retries: 2, minDelayMs: 100 } });
    const error = await rejection(client.sendMessage({ phoneNumber: '0812 3456 7890', message: 'x' }));
    expect(error).toMatchObject({ kind: 'network', requestSent: false, operation: 'sendMessage' });
    expect(waits).toEqual([50, 100]);
  });
});
