import { BlazwaError } from './errors.js';
import type { TransportResponse } from './transport.js';
import { clip } from './validation.js';

const utf8 = new TextDecoder('utf-8');

export function bodyText(response: TransportResponse): string {
  return utf8.decode(response.body);
}

export function contentType(response: TransportResponse): string {
  return (response.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

/** The answer's JSON, or `undefined` when it is not JSON. */
export function tryJson(response: TransportResponse): unknown {
  // JSON.parse skips surrounding whitespace and rejects an empty text itself: no trimmed copy on the hot path.
  try {
    return JSON.parse(bodyText(response)) as unknown;
  } catch {
    return undefined;
  }
}

export function requireJson(response: TransportResponse, operation: string): Record<string, unknown> {
  const json = tryJson(response);
  if (!isRecord(json)) {
    const text = bodyText(response).trim();
    throw new BlazwaError({
      kind: 'protocol',
      operation,
      status: response.status,
      message: `The Blazwa server's answer to ${operation} is not JSON (${text === '' ? 'empty' : `'${clip(text.replace(/\s+/g, ' '))}'`}): check the server address`,
    });
  }
  return json;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
