import { afterEach, describe, expect, it } from 'vitest';
import { BlazwaClient, BlazwaError, isPrepared, prepareMessage } from '../src/index.js';
import { undiciTransport } from '../src/undici/index.js';
import { ok, rejection, startTestServer } from './support/test-server.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

async function gateway(registered: boolean) {
  const server = await startTestServer((request) =>
    request.url.includes('/check-number/')
      ? { status: 200, json: { message: 'ok', is_registered: registered, code: null } }
      : { status: 200, json: ok.sent(new URLSearchParams(request.body).get('phoneNumber') ?? 'Staff', 'Halo') },
  );
  const transport = undiciTransport({ baseUrl: server.url, apiKey: 'k', timeoutMs: 2000 });
  closers.push(server.close, () => transport.close());
  return { server, client: new BlazwaClient({ transport, retry: false }) };
}

describe('prepareMessage: user input → one checked message', () => {
  it('reads a number strictly, or a group, and the content', () => {
    expect(prepareMessage({ phoneNumber: '0812-3456-7890', message: 'Halo' })).toEqual({
      target: 'number',
      phoneNumber: '6281234567890',
      message: 'Halo',
    });
    expect(prepareMessage({ groupName: ' Staff ', imageUrl: 'https://example.com/a.png' })).toEqual({
      target: 'group',
      groupName: 'Staff',
      imageUrl: 'https://example.com/a.png',
    });
    const message = prepareMessage({ phoneNumber: '0812 3456 7890', message: 'x' });
    expect(isPrepared(message)).toBe(true);
    expect(prepareMessage(message)).toBe(message);
    expect(Object.isFrozen(message)).toBe(true);
    // A copy, or one with a field changed, is checked again: only what prepareMessage returned passes as it is.
    expect(isPrepared({ ...message })).toBe(false);
    expect(() => prepareMessage({ ...message, phoneNumber: '0812' } as never)).toThrow(/at least 7/);
  });

  it.each([
    [{ phoneNumber: '0812 3456 7890', groupName: 'Staff', message: 'x' }, 'Both a phone number and a group name'],
    [{ message: 'x' }, 'No phone number and no group name'],
    [{ phoneNumber: '0812-3456-789O', message: 'x' }, "has a letter 'O' at position 14"],
    [{ phoneNumber: '0812 3456 7890' }, 'message is empty and there is no imageUrl'],
  ])('%j is refused: %s', (input, text) => {
    let caught: unknown;
    try {
      prepareMessage(input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BlazwaError);
    expect(caught).toMatchObject({ kind: 'input', outcome: 'not-sent' });
    expect((caught as Error).message).toContain(text);
  });
});

describe('client.send: the one way to send', () => {
  it('sends a prepared message once and resolves with the message as the service recorded it', async () => {
    const { server, client } = await gateway(true);
    const sent = await client.send(prepareMessage({ phoneNumber: '0812 3456 7890', message: 'Halo' }));
    expect(sent).toEqual(ok.sent('6281234567890', 'Halo').result);
    expect(server.requests.map((request) => `${request.method} ${request.url} ${request.body}`)).toEqual([
      'POST /openapi/wa/message phoneNumber=6281234567890&message=Halo',
    ]);
    await client.send({ groupName: 'Staff', message: 'Halo' });
    expect(server.requests[1]!.url).toBe('/openapi/wa/message-group');
  });

  it('with checkNumberFirst, a number on WhatsApp is checked, then sent to once', async () => {
    const { server, client } = await gateway(true);
    await client.send(prepareMessage({ phoneNumber: '0812 3456 7890', message: 'Halo' }), { checkNumberFirst: true });
    expect(server.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      'GET /openapi/wa/check-number/6281234567890',
      'POST /openapi/wa/message',
    ]);
  });

  it('with checkNumberFirst, a number not on WhatsApp fails as not sent, and nothing is sent', async () => {
    const { server, client } = await gateway(false);
    const error = await rejection(client.send({ phoneNumber: '0812 3456 7890', message: 'Halo' }, { checkNumberFirst: true }));
    expect(error).toMatchObject({ kind: 'input', field: 'phoneNumber', outcome: 'not-sent' });
    expect(error.message).toBe('phone number 6281234567890 is not on WhatsApp: check the number (nothing was sent)');
    expect(server.requests.filter((request) => request.url === '/openapi/wa/message')).toHaveLength(0);
  });

  it('with checkNumberFirst, a failed check is not-sent: the message never left, so sending again is safe', async () => {
    const server = await startTestServer(() => ({ status: 503, json: { message: 'busy', code: 50001 } }));
    const transport = undiciTransport({ baseUrl: server.url, apiKey: 'k', timeoutMs: 2000 });
    closers.push(server.close, () => transport.close());
    const client = new BlazwaClient({ transport, retry: false });
    const error = await rejection(client.send({ phoneNumber: '0812 3456 7890', message: 'Halo' }, { checkNumberFirst: true }));
    expect(error).toMatchObject({ kind: 'server', status: 503, operation: 'checkNumber', outcome: 'not-sent', retryable: true });
    expect(error.message).toMatch(/^The Blazwa server failed \(503\).*\(while checking the number first: the message was not sent\)$/);
    expect(server.requests.map((request) => request.url)).toEqual(['/openapi/wa/check-number/6281234567890']);
  });
});
