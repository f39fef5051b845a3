import { afterEach, describe, expect, it } from 'vitest';
import { BlazwaClient, BlazwaError, VERSION } from '../src/index.js';
import { undiciTransport, USER_AGENT, type UndiciTransport } from '../src/undici/index.js';
import { ok, rejection, startTestServer, type Answer } from './support/test-server.js';

const API_KEY = 'key-that-must-never-leak-4b1d';
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

async function setup(answer: (request: { method: string; url: string; body: string }, index: number) => Answer, path = '') {
  const server = await startTestServer(answer);
  const transport = undiciTransport({ baseUrl: server.url + path, apiKey: API_KEY, timeoutMs: 2000 });
  closers.push(server.close, () => transport.close());
  return { server, client: new BlazwaClient({ transport, retry: false }) };
}

describe('BlazwaClient over HTTP: the eight operations as the documents give them', () => {
  it('restart: GET /openapi/wa/restart', async () => {
    const { server, client } = await setup(() => ({ status: 200, json: ok.restart }));
    await expect(client.restart()).resolves.toEqual({ message: 'Restarted', status: 'qr', code: null });
    expect(server.requests[0]).toMatchObject({ method: 'GET', url: '/openapi/wa/restart', body: '' });
  });

  it('status: POST /openapi/wa/status with the key, Accept and User-Agent', async () => {
    const { server, client } = await setup(() => ({ status: 200, json: { ...ok.status, extra: 'kept out' } }));
    await expect(client.status()).resolves.toEqual({ message: 'Berhasil', status: 'connected', code: null });
    const [request] = server.requests;
    expect(request).toMatchObject({ method: 'POST', url: '/openapi/wa/status' });
    expect(request!.headers['x-api-key']).toBe(API_KEY);
    expect(request!.headers.accept).toBe('application/json');
    expect(request!.headers['user-agent']).toBe(USER_AGENT);
    expect(USER_AGENT).toContain(`blazwa-core/${VERSION}`);
  });

  it('checkNumber: GET /openapi/wa/check-number/{normalized}', async () => {
    const { server, client } = await setup(() => ({ status: 200, json: { message: 'ok', is_registered: true, code: null } }));
    await expect(client.checkNumber('0812-3456 7890')).resolves.toEqual({
      phoneNumber: '6281234567890',
      isRegistered: true,
      message: 'ok',
      code: null,
    });
    expect(server.requests[0]).toMatchObject({ method: 'GET', url: '/openapi/wa/check-number/6281234567890' });
  });

  it('sendMessage: form-encoded phoneNumber, message, imageUrl', async () => {
    const { server, client } = await setup(() => ({ status: 200, json: ok.sent('6281234567890', 'Halo & selamat pagi') }));
    const sent = await client.sendMessage({ phoneNumber: '0812 3456 7890', message: 'Halo & selamat pagi', imageUrl: 'https://example.com/a.png' });
    expect(sent).toEqual(ok.sent('6281234567890', 'Halo & selamat pagi'));
    const [request] = server.requests;
    expect(request!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(request!.body))).toEqual({
      phoneNumber: '6281234567890',
      message: 'Halo & selamat pagi',
      imageUrl: 'https://example.com/a.png',
    });
  });

  it('sendGroupMessage: POST /openapi/wa/message-group', async () => {
    const { server, client } = await setup(() => ({ status: 200, json: ok.sent('Staff', 'Laporan harian') }));
    await client.sendGroupMessage({ groupName: ' Staff ', message: 'Laporan harian' });
    expect(server.requests[0]!.url).toBe('/openapi/wa/message-group');
    expect(Object.fromEntries(new URLSearchParams(server.requests[0]!.body))).toEqual({ groupName: 'Staff', message: 'Laporan harian' });
  });

  it('setWebhook and resetWebhook', async () => {
    const { server, client } = await setup((request) =>
      request.url.endsWith('/reset')
        ? { status: 200, json: { message: 'reset', status: 'connected', code: 20001 } }
        : { status: 200, json: { message: 'saved', code: 20001 } },
    );
    await expect(client.setWebhook('https://flows.example.com/blazwa/abc')).resolves.toEqual({ message: 'saved', code: 20001 });
    await expect(client.resetWebhook()).resolves.toEqual({ message: 'reset', status: 'connected', code: 20001 });
    expect(server.requests.map((r) => `${r.method} ${r.url} ${r.body}`)).toEqual([
      'POST /openapi/wa/webhook webhook=https%3A%2F%2Fflows.example.com%2Fblazwa%2Fabc',
      'GET /openapi/wa/webhook/reset ',
    ]);
  });

  it('loginQr as image: PNG bytes', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const { server, client } = await setup(() => ({ status: 200, body: png, headers: { 'content-type': 'image/png' } }));
    const qr = await client.loginQr();
    expect(qr).toEqual({ kind: 'image', mimeType: 'image/png', data: png });
    expect(server.requests[0]!.body).toBe('responseAs=image');
    expect(server.requests[0]!.headers.accept).toContain('image/png');
  });

  it('loginQr as string: qr_string', async () => {
    const { server, client } = await setup(() => ({ status: 200, json: { message: 'scan me', qr_string: 'iVBORw0KGgo=', code: null } }));
    await expect(client.loginQr({ responseAs: 'string' })).resolves.toEqual({
      kind: 'string',
      qrString: 'iVBORw0KGgo=',
      message: 'scan me',
      code: null,
    });
    expect(server.requests[0]!.body).toBe('responseAs=string');
  });

  it.each(['/backend', '/backend/'])('a base URL with a path (%s) prefixes every request', async (path) => {
    const { server, client } = await setup(() => ({ status: 200, json: ok.status }), path);
    await client.status();
    expect(server.requests[0]!.url).toBe('/backend/openapi/wa/status');
  });
});

describe('BlazwaClient: input is checked before anything is sent', () => {
  it.each([
    [{ phoneNumber: 'abc', message: 'hi' }, 'phoneNumber', "phoneNumber 'abc' has a letter 'a' at position 1"],
    [{ phoneNumber: '0812-3456-789O', message: 'hi' }, 'phoneNumber', "has a letter 'O' at position 14"],
    [{ phoneNumber: '6281234567890.0', message: 'hi' }, 'phoneNumber', 'is a decimal number'],
    [{ phoneNumber: 6.28e12, message: 'hi' }, 'phoneNumber', 'give the phone number as text'],
    [{ phoneNumber: '0812 3456 7890', message: '  ' }, 'message', 'give a message text, an imageUrl, or both'],
    [{ phoneNumber: '0812 3456 7890', imageUrl: 'ftp://x/y.png' }, 'imageUrl', 'must start with http:// or https://'],
    [{ phoneNumber: '0812 3456 7890', imageUrl: 'pic.png' }, 'imageUrl', 'is not a URL'],
    [{ phoneNumber: '0812 3456 7890', message: { text: 'hi' } }, 'message', 'message must be text'],
    [
      { phoneNumber: '0812 3456 7890', message: 'x'.repeat(65_537) },
      'message',
      'message is 65,537 characters long: WhatsApp takes shorter messages; split it into several (at most 65,536)',
    ],
    [{ phoneNumber: '0812 3456 7890', imageUrl: `https://example.com/${'a'.repeat(9000)}.png` }, 'imageUrl', 'give a shorter link to the image'],
  ])('sendMessage(%j) → %s error', async (input, field, text) => {
    const { server, client } = await setup(() => ({ status: 200, json: {} }));
    const error = await rejection(client.sendMessage(input as never));
    expect(error).toMatchObject({ kind: 'input', field });
    expect((error as Error).message).toContain(text);
    expect(server.requests).toHaveLength(0);
  });

  it('a blank groupName, a bad webhook URL and an unknown responseAs never leave', async () => {
    const { server, client } = await setup(() => ({ status: 200, json: {} }));
    await expect(client.sendGroupMessage({ groupName: ' ', message: 'x' })).rejects.toMatchObject({ kind: 'input', field: 'groupName' });
    await expect(client.setWebhook('/relative')).rejects.toMatchObject({ kind: 'input', field: 'webhook' });
    await expect(client.loginQr({ responseAs: 'pdf' as never })).rejects.toMatchObject({ kind: 'input', field: 'responseAs' });
    expect(server.requests).toHaveLength(0);
  });

  it('length is counted in characters, so a long message of emoji up to the limit still leaves', async () => {
    const { server, client } = await setup(() => ({ status: 200, json: ok.sent('6281234567890', 'x') }));
    // 65,536 emoji are 131,072 UTF-16 units but 65,536 characters: within WhatsApp's limit.
    await client.sendMessage({ phoneNumber: '0812 3456 7890', message: '😀'.repeat(65_536) });
    expect(server.requests).toHaveLength(1);
    await expect(client.sendGroupMessage({ groupName: 'G'.repeat(257), message: 'x' })).rejects.toMatchObject({ kind: 'input', field: 'groupName' });
    expect(server.requests).toHaveLength(1);
  });

  it('numbers are welcome as message text', async () => {
    const { server, client } = await setup(() => ({ status: 200, json: ok.sent('6281234567890', '42') }));
    await client.sendMessage({ phoneNumber: 6281234567890, message: 42 as unknown as string });
    expect(server.requests[0]!.body).toBe('phoneNumber=6281234567890&message=42');
  });
});

describe('BlazwaClient: answers it cannot read', () => {
  it('non-JSON 200 is a protocol error quoting the start of it', async () => {
    const { client } = await setup(() => ({ status: 200, body: '<html>login page</html>', headers: { 'content-type': 'text/html' } }));
    const error = await rejection(client.status());
    expect(error).toMatchObject({ kind: 'protocol', operation: 'status' });
    expect(error.message).toContain("'<html>login page</html>'");
  });

  it('a missing required field is named', async () => {
    const { client } = await setup(() => ({
      status: 200,
      json: { message: 'ok', result: { id: '1', body: 'x', from: '1', to: '2', created_at: '2026-11-21 10:00:00' }, code: 20001 },
    }));
    const error = await rejection(client.sendMessage({ phoneNumber: '0812 3456 7890', message: 'x' }));
    expect(error).toMatchObject({ kind: 'protocol' });
    expect(error.message).toContain("no valid 'result.media_url'");
  });

  it('is_registered must be a boolean', async () => {
    const { client } = await setup(() => ({ status: 200, json: { message: 'ok', is_registered: 'yes', code: null } }));
    await expect(client.checkNumber('0812 3456 7890')).rejects.toMatchObject({
      kind: 'protocol',
      message: expect.stringContaining("'is_registered'"),
    });
  });
});

describe('BlazwaClient: failures over the wire, and the API key never shows', () => {
  it.each([
    [{ status: 400, json: { message: 'Invalid', errors: ['groupName must exist'], code: 40000 } }, 'validation'],
    [{ status: 401, json: { message: 'Unauthorized' } }, 'unauthorized'],
    [{ status: 500, json: { message: 'Internal server error', error: 'boom', code: 50000 } }, 'server'],
    [{ status: 504, json: { message: 'Gateway Time-out' } }, 'timeout'],
    [{ drop: true } as const, 'network'],
  ])('%j → %s', async (reply, kind) => {
    const { client } = await setup(() => reply);
    const error = await rejection(client.sendGroupMessage({ groupName: 'Staff', message: 'hi' }));
    expect(error).toBeInstanceOf(BlazwaError);
    expect(error.kind).toBe(kind);
    const everything = `${error.message} ${JSON.stringify(error)} ${String(error.stack)}`;
    expect(everything).not.toContain(API_KEY);
  });

  it('a 401 names the place the caller keeps the key in', async () => {
    const server = await startTestServer(() => ({ status: 401, json: { message: 'Unauthorized' } }));
    const transport = undiciTransport({ baseUrl: server.url, apiKey: API_KEY, timeoutMs: 2000 });
    closers.push(server.close, () => transport.close());
    const client = new BlazwaClient({ transport, retry: false, apiKeyLocation: 'the Blazwa API credential' });
    await expect(client.status()).rejects.toThrow(
      'API key rejected (401): check the API key in the Blazwa API credential (server said: Unauthorized)',
    );
  });

  it('a hanging server ends in a timeout error, not a hang', async () => {
    const server = await startTestServer(() => ({ hang: true }));
    const transport: UndiciTransport = undiciTransport({ baseUrl: server.url, apiKey: API_KEY, timeoutMs: 200 });
    closers.push(server.close, () => transport.close());
    const error = await rejection(new BlazwaClient({ transport, retry: false }).sendMessage({ phoneNumber: '0812 3456 7890', message: 'x' }));
    expect(error).toMatchObject({ kind: 'timeout', requestSent: true, operation: 'sendMessage' });
    expect(error.message).not.toContain(API_KEY);
    expect(error.message).toMatch(
      /^No answer from the Blazwa server within .*\. The message may have been sent: check the chat before sending it again$/,
    );
  });

  it('only a call that must not run twice warns that it may have happened, also after an answered 500', async () => {
    const server = await startTestServer((request) =>
      request.url.endsWith('/restart') || request.url.endsWith('/status') || request.url.endsWith('/message-group')
        ? { drop: true }
        : { status: 500, json: { message: 'down' } },
    );
    const transport = undiciTransport({ baseUrl: server.url, apiKey: API_KEY, timeoutMs: 2000 });
    closers.push(server.close, () => transport.close());
    const client = new BlazwaClient({ transport, retry: false });
    expect((await rejection(client.sendGroupMessage({ groupName: 'Staff', message: 'x' }))).message).toContain('The message may have been sent');
    expect((await rejection(client.restart())).message).toContain('The restart may have happened: check the status before restarting again');
    expect((await rejection(client.status())).message).not.toContain('may have');
    // A 500 may come after the gateway recorded the message: nothing proves it was not sent.
    expect((await rejection(client.sendMessage({ phoneNumber: '0812 3456 7890', message: 'x' }))).message).toContain(
      'The message may have been sent',
    );
  });

  it('undiciTransport refuses an empty key and a relative base URL up front', () => {
    expect(() => undiciTransport({ baseUrl: 'http://127.0.0.1:1', apiKey: ' ' })).toThrow(/API key is empty/);
    expect(() => undiciTransport({ baseUrl: 'openapi.blazwa.com', apiKey: 'k' })).toThrow(/baseUrl 'openapi.blazwa.com' is not a URL/);
  });
});

describe('the API key as it was pasted', () => {
  it('plain whitespace around it (a trailing newline) is removed, and the key is sent as meant', async () => {
    const server = await startTestServer(() => ({ status: 200, json: ok.status }));
    const transport = undiciTransport({ baseUrl: server.url, apiKey: `  ${API_KEY}\r\n`, timeoutMs: 2000 });
    closers.push(server.close, () => transport.close());
    await new BlazwaClient({ transport, retry: false }).status();
    expect(server.requests[0]!.headers['x-api-key']).toBe(API_KEY);
  });

  it.each([
    ['a zero-width space', `${API_KEY}\u200b`, 'an invisible character (U+200B) at position 30'],
    ['a byte order mark', `\ufeff${API_KEY}`, 'an invisible character (U+FEFF) at position 1'],
    ['a space inside', 'key with-space', 'a space at position 4'],
    ['a control character', `key\u0007x`, 'an invisible character (U+0007) at position 4'],
    ['a curly quote', `key\u2019x`, 'a character no API key has (U+2019) at position 4'],
  ])('%s is refused before anything is sent, saying where, never quoting the key', (_, apiKey, text) => {
    let caught: unknown;
    try {
      undiciTransport({ baseUrl: 'http://127.0.0.1:1', apiKey, apiKeyLocation: 'the Blazwa config node' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BlazwaError);
    expect(caught).toMatchObject({ kind: 'input', field: 'apiKey', outcome: 'not-sent' });
    const message = (caught as Error).message;
    expect(message).toContain(`API key has ${text}: copy the key again from your Blazwa / Kasirpintar WA dashboard into the Blazwa config node`);
    expect(message).not.toContain(API_KEY);
  });
});
