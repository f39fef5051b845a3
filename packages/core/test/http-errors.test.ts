import { describe, expect, it } from 'vitest';
import { connectionError, errorCode, errorFromResponse, parseRetryAfter, type TransportResponse } from '../src/index.js';

function answer(status: number, json: unknown, headers: Record<string, string> = {}): TransportResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: new TextEncoder().encode(JSON.stringify(json)) };
}

describe('errorFromResponse: the documents’ error schemas', () => {
  it('400 with errors[] puts every line in the message', () => {
    const error = errorFromResponse(
      answer(400, { message: 'The given data was invalid', errors: ['phoneNumber is required', 'message is required'], code: 40001 }),
      'sendMessage',
    );
    expect(error).toMatchObject({
      kind: 'validation',
      status: 400,
      code: 40001,
      errors: ['phoneNumber is required', 'message is required'],
      retryable: false,
      operation: 'sendMessage',
    });
    expect(error.message).toBe('Blazwa rejected the request (400): The given data was invalid (phoneNumber is required; message is required)');
  });

  it('400 without errors[]', () => {
    const error = errorFromResponse(answer(400, { message: 'Device not connected', code: null }), 'sendMessage');
    expect(error.kind).toBe('validation');
    expect(error.errors).toBeUndefined();
    expect(error.message).toBe('Blazwa rejected the request (400): Device not connected');
  });

  it('401 says to check the API key', () => {
    const error = errorFromResponse(answer(401, { message: 'Unauthorized' }), 'status');
    expect(error.kind).toBe('unauthorized');
    expect(error.message).toBe('API key rejected (401): check the API key in your Blazwa settings (server said: Unauthorized)');
    expect(error.shortReason).toBe('401 unauthorized');
  });

  it('401 names where the key is kept when the caller says', () => {
    const error = errorFromResponse(answer(403, {}), 'status', { apiKeyLocation: 'the Blazwa config node' });
    expect(error.message).toBe('API key rejected (403): check the API key in the Blazwa config node');
  });

  it('500 carries message and error', () => {
    const error = errorFromResponse(answer(500, { message: 'Internal server error', error: 'session crashed', code: 50000 }), 'sendMessage');
    expect(error).toMatchObject({ kind: 'server', status: 500, retryable: false });
    expect(error.message).toBe('The Blazwa server failed (500): Internal server error (session crashed)');
  });

  it('504 is a retryable timeout', () => {
    const error = errorFromResponse(answer(504, { message: 'Gateway Time-out' }), 'status');
    expect(error).toMatchObject({ kind: 'timeout', status: 504, retryable: true });
    expect(error.message).toContain('timed out (504): Gateway Time-out');
  });

  it('429 keeps Retry-After', () => {
    const error = errorFromResponse(answer(429, { message: 'Slow down' }, { 'retry-after': '3' }), 'status');
    expect(error).toMatchObject({ kind: 'server', status: 429, retryable: true, retryAfterMs: 3000 });
    expect(error.message).toBe('Too many requests (429): Slow down; the server asks to wait 3 s (raise the minimum interval between messages)');
    expect(errorFromResponse(answer(429, {}), 'status').message).toBe(
      'Too many requests (429): slow down (raise the minimum interval between messages)',
    );
  });

  it('502 and 503 are retryable server errors', () => {
    expect(errorFromResponse(answer(502, {}), 'status')).toMatchObject({ kind: 'server', retryable: true });
    expect(errorFromResponse(answer(503, {}), 'status')).toMatchObject({ kind: 'server', retryable: true });
  });

  it('404 points at the base URL', () => {
    const error = errorFromResponse(
      { status: 404, headers: { 'content-type': 'text/html' }, body: new TextEncoder().encode('<h1>Not Found</h1>') },
      'status',
    );
    expect(error.kind).toBe('protocol');
    expect(error.message).toContain('check the server / base URL setting');
  });

  it('a non-JSON error body still gives a clear error', () => {
    const error = errorFromResponse({ status: 500, headers: {}, body: new TextEncoder().encode('oops') }, 'status');
    expect(error.message).toBe('The Blazwa server failed (500)');
  });

  it('toJSON has the fields and no cause', () => {
    const json = errorFromResponse(answer(401, { message: 'Unauthorized' }), 'status').toJSON();
    expect(json).toMatchObject({ name: 'BlazwaError', kind: 'unauthorized', status: 401, operation: 'status' });
    expect(Object.keys(json)).not.toContain('cause');
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds', () => expect(parseRetryAfter('2')).toBe(2000));
  it('reads an HTTP date with a clock', () => {
    const now = Date.parse('Sat, 21 Nov 2026 06:00:00 GMT');
    expect(parseRetryAfter('Sat, 21 Nov 2026 06:00:05 GMT', () => now)).toBe(5000);
  });
  it('ignores a date without a clock, and nonsense', () => {
    expect(parseRetryAfter('Sat, 21 Nov 2026 06:00:05 GMT')).toBeUndefined();
    expect(parseRetryAfter('soon', () => 0)).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });
});

describe('connectionError: one reading of connection failures for every transport', () => {
  const wrap = (code: string, cause?: unknown) => Object.assign(new Error('wrapped'), { code, cause });

  it.each([
    ['ECONNREFUSED', 'network', false, 'connection refused'],
    ['ENOTFOUND', 'network', false, 'host name not found'],
    ['UND_ERR_CONNECT_TIMEOUT', 'network', false, 'no connection within the time limit'],
    ['ECONNRESET', 'network', true, 'connection closed by the server'],
    ['ETIMEDOUT', 'timeout', true, 'No answer'],
    ['UND_ERR_HEADERS_TIMEOUT', 'timeout', true, 'No answer'],
    ['EWHATEVER', 'network', true, 'connection failed'],
  ])('%s → %s, requestSent %s, in words', (code, kind, requestSent, words) => {
    const error = connectionError(wrap(code), 5000);
    expect(error).toMatchObject({ kind, requestSent });
    expect(error.message).toContain(words);
    expect(error.message).not.toContain(code);
    // Advice about the address and the network only when the server was never reached.
    if (kind === 'network') expect(error.message.includes('check the server address')).toBe(!requestSent);
  });

  it('finds the telling code under a wrapper (undici, n8n)', () => {
    expect(errorCode(wrap('UND_ERR_SOCKET', wrap('ECONNREFUSED')))).toBe('ECONNREFUSED');
    expect(errorCode({ message: 'n8n', cause: { cause: wrap('ENOTFOUND') } })).toBe('ENOTFOUND');
    expect(errorCode(wrap('UND_ERR_SOCKET'))).toBe('UND_ERR_SOCKET');
    expect(errorCode('nothing')).toBeUndefined();
  });

  it('a stopped execution is a cancellation', () => {
    expect(connectionError(wrap('ERR_CANCELED'), 5000).kind).toBe('cancelled');
  });
});
