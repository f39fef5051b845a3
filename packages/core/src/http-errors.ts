import { isRecord, tryJson } from './body.js';
import { BlazwaError } from './errors.js';
import type { TransportResponse } from './transport.js';
import { clip } from './validation.js';

export const DEFAULT_API_KEY_LOCATION = 'your Blazwa settings';

export interface ErrorContext {
  /** For `Retry-After` given as a date. */
  now?: () => number;
  /** Where the user fixes a rejected key, as the 401 message names it. */
  apiKeyLocation?: string;
}

/**
 * Turns a non-2xx answer into a BlazwaError, reading the documents' error schemas: 400 `{ message, errors[]?,
 * code }`, 401 `{ message }`, 500 `{ message, error, code }`, 504 `{ message }`.
 */
export function errorFromResponse(response: TransportResponse, operation: string, context: ErrorContext = {}): BlazwaError {
  const { status } = response;
  const json = tryJson(response);
  const body = isRecord(json) ? json : {};
  const serverMessage = typeof body.message === 'string' && body.message.trim() !== '' ? body.message.trim() : undefined;
  const errors = Array.isArray(body.errors) ? body.errors.map((line) => String(line)) : undefined;
  const base = { status, operation, code: body.code };
  const said = serverMessage ? `: ${serverMessage}` : '';

  if (status === 400) {
    const lines = errors && errors.length > 0 ? ` (${errors.join('; ')})` : '';
    return new BlazwaError({
      ...base,
      kind: 'validation',
      ...(errors ? { errors } : {}),
      message: `Blazwa rejected the request (400)${said || ': no reason given'}${lines}`,
    });
  }
  if (status === 401 || status === 403) {
    return new BlazwaError({
      ...base,
      kind: 'unauthorized',
      message: `API key rejected (${status}): check the API key in ${context.apiKeyLocation ?? DEFAULT_API_KEY_LOCATION}${serverMessage ? ` (server said: ${serverMessage})` : ''}`,
    });
  }
  if (status === 504 || status === 408) {
    return new BlazwaError({
      ...base,
      kind: 'timeout',
      retryable: true,
      message: `The Blazwa server timed out (${status})${said}: WhatsApp did not answer in time; try again later`,
    });
  }
  const retryAfterMs = parseRetryAfter(response.headers['retry-after'], context.now);
  const retryAfter = retryAfterMs === undefined ? {} : { retryAfterMs };
  if (status === 429) {
    return new BlazwaError({
      ...base,
      ...retryAfter,
      kind: 'server',
      retryable: true,
      // The server's own words usually say "slow down" already.
      message: `Too many requests (429)${said || ': slow down'}${retryAfterMs === undefined ? '' : `; the server asks to wait ${Math.ceil(retryAfterMs / 1000)} s`} (raise the minimum interval between messages)`,
    });
  }
  if (status >= 500) {
    const detail = typeof body.error === 'string' && body.error.trim() !== '' ? ` (${clip(body.error.trim(), 200)})` : '';
    return new BlazwaError({
      ...base,
      ...retryAfter,
      kind: 'server',
      retryable: status === 502 || status === 503,
      message: `The Blazwa server failed (${status})${said}${detail}`,
    });
  }
  if (status === 404 || status === 405) {
    return new BlazwaError({
      ...base,
      kind: 'protocol',
      message: `The server has no Blazwa API here (${status} for ${operation}): check the server / base URL setting`,
    });
  }
  return new BlazwaError({
    ...base,
    kind: 'protocol',
    message: `Unexpected answer from the Blazwa server (${status})${said}`,
  });
}

/** `Retry-After` as seconds or an HTTP date; the date form needs a clock. */
export function parseRetryAfter(value: string | undefined, now?: () => number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  if (!now) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now());
}
