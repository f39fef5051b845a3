import { afterEach, describe, expect, it } from 'vitest';
import { BlazwaClient, BlazwaError } from '../src/index.js';
import { undiciTransport } from '../src/undici/index.js';
import { ok, refusedUrl, rejection, startTestServer, type Answer } from './support/test-server.js';

// A gateway that records the message and then fails: the sandbox cannot fake every such answer, this server can.

const MAY_HAVE_GONE = 'may have been sent: check the chat before sending it again';
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

async function gateway(answer: Answer) {
  const server = await startTestServer(() => answer);
  const transport = undiciTransport({ baseUrl: server.url, apiKey: 'k', timeoutMs: 300 });
  closers.push(server.close, () => transport.close());
  // Retries on, as both adapters run: a send must still leave once.
  const client = new BlazwaClient({ transport, sleep: async () => {}, retry: { retries: 3 } });
  return { server, client };
}

const processedThenFailed: Array<[string, Answer]> = [
  ['500', { status: 500, json: { message: 'Internal server error', error: 'db', code: 50000 } }],
  ['502', { status: 502, json: { message: 'Bad gateway' } }],
  ['503', { status: 503, json: { message: 'Unavailable' } }],
  ['504', { status: 504, json: { message: 'Gateway Time-out' } }],
  ['429', { status: 429, json: { message: 'slow down' }, headers: { 'retry-after': '1' } }],
  ['a 200 that is not JSON', { status: 200, body: '<html>ok</html>', headers: { 'content-type': 'text/html' } }],
  ['a 200 without the sent message', { status: 200, json: { message: 'Pesan terkirim', code: 20001 } }],
  ['a 418', { status: 418, json: { message: 'teapot' } }],
  ['a dropped connection', { drop: true }],
  ['a timeout', { hang: true }],
];

describe('a send that may have gone out says so, in words and in fields, and is never retried', () => {
  it.each(processedThenFailed)('sendMessage after %s: one request, outcome unknown, not retryable', async (_, answer) => {
    const { server, client } = await gateway(answer);
    const error = await rejection(client.sendMessage({ phoneNumber: '0812 3456 7890', message: 'Pesanan #1' }));
    expect(error).toBeInstanceOf(BlazwaError);
    expect(error).toMatchObject({ outcome: 'unknown', retryable: false, operation: 'sendMessage' });
    expect(error.message).toContain(MAY_HAVE_GONE);
    expect(error.message).not.toMatch(/try again later/);
    expect(server.requests).toHaveLength(1);
    expect(error.toJSON()).toMatchObject({ outcome: 'unknown', retryable: false });
  });

  it.each(processedThenFailed)('sendGroupMessage after %s: the same', async (_, answer) => {
    const { server, client } = await gateway(answer);
    const error = await rejection(client.sendGroupMessage({ groupName: 'Staff', message: 'Laporan' }));
    expect(error).toMatchObject({ outcome: 'unknown', retryable: false });
    expect(error.message).toContain(MAY_HAVE_GONE);
    expect(server.requests).toHaveLength(1);
  });

  it('restart after a 503 may have happened, and says what to check', async () => {
    const { server, client } = await gateway({ status: 503, json: { message: 'busy' } });
    const error = await rejection(client.restart());
    expect(error).toMatchObject({ outcome: 'unknown', retryable: false });
    expect(error.message).toContain('The restart may have happened: check the status before restarting again');
    expect(server.requests).toHaveLength(1);
  });

  it('the status labels say what happened', async () => {
    const timedOut = await rejection((await gateway({ hang: true })).client.sendMessage({ phoneNumber: '0812 3456 7890', message: 'x' }));
    expect(timedOut.shortReason).toBe('timeout, may be sent');
    const limited = await rejection(
      (await gateway({ status: 429, json: { message: 'slow' } })).client.sendMessage({ phoneNumber: '0812 3456 7890', message: 'x' }),
    );
    expect(limited.shortReason).toBe('429 too many requests');
  });
});

describe('a failure that proves nothing happened says not-sent', () => {
  it.each<[string, Answer]>([
    ['400', { status: 400, json: { message: 'Invalid', errors: ['phoneNumber is invalid'] } }],
    ['401', { status: 401, json: { message: 'Unauthorized' } }],
    ['404', { status: 404, body: 'not found' }],
  ])('sendMessage after %s: outcome not-sent, no "may have been sent"', async (_, answer) => {
    const { server, client } = await gateway(answer);
    const error = await rejection(client.sendMessage({ phoneNumber: '0812 3456 7890', message: 'x' }));
    expect(error.outcome).toBe('not-sent');
    expect(error.message).not.toContain('may have been sent');
    expect(server.requests).toHaveLength(1);
  });

  it('bad input and a refused connection are not-sent', async () => {
    const { server, client } = await gateway({ status: 200, json: ok.sent('6281234567890', 'x') });
    expect((await rejection(client.sendMessage({ phoneNumber: '0812-3456-789O', message: 'x' }))).outcome).toBe('not-sent');
    expect(server.requests).toHaveLength(0);
    const transport = undiciTransport({ baseUrl: await refusedUrl(), apiKey: 'k' });
    closers.push(() => transport.close());
    const refused = await rejection(new BlazwaClient({ transport, retry: false }).sendMessage({ phoneNumber: '0812 3456 7890', message: 'x' }));
    expect(refused).toMatchObject({ kind: 'network', outcome: 'not-sent', requestSent: false });
    expect(refused.message).not.toContain('may have been sent');
  });

  it('a safe call after a 503 keeps its advice and stays retryable: nothing is sent twice by repeating it', async () => {
    const server = await startTestServer(() => ({ status: 503, json: { message: 'busy' } }));
    const transport = undiciTransport({ baseUrl: server.url, apiKey: 'k' });
    closers.push(server.close, () => transport.close());
    const error = await rejection(new BlazwaClient({ transport, retry: false }).status());
    expect(error).toMatchObject({ retryable: true, outcome: 'unknown' });
    expect(error.message).not.toContain('may have');
  });
});
