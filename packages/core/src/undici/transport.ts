import { setTimeout as delay } from 'node:timers/promises';
import { URL } from 'node:url';
import { Pool } from 'undici';
import { connectionError } from '../connection-errors.js';
import { checkApiKey } from '../api-key.js';
import { BlazwaError, isBlazwaError } from '../errors.js';
import { answerTooLarge, DEFAULT_TIMEOUT_MS, maxAnswerBytes } from '../limits.js';
import type { Transport, TransportRequest, TransportResponse } from '../transport.js';
import { validateHttpUrl } from '../validation.js';
import { VERSION } from '../version.js';
import { requestWhole } from './whole-answer.js';

export interface UndiciTransportOptions {
  /** `https://openapi.blazwa.com`, `https://wa.kpntr.com/backend`, with or without a trailing slash. */
  baseUrl: string;
  apiKey: string;
  /** Longest wait for a whole answer. Default 30,000 ms. */
  timeoutMs?: number;
  /** Keep-alive connections to the server. Default 8. */
  connections?: number;
  /** Where the user fixes a bad key, as its error names it (see BlazwaClientOptions). */
  apiKeyLocation?: string;
}

export interface UndiciTransport extends Transport {
  /** Lets open requests finish, then closes every connection. */
  close(): Promise<void>;
}

export const USER_AGENT = `blazwa-core/${VERSION} (+https://www.npmjs.com/package/@blazwa/core)`;

/** The default transport for Node: a pooled keep-alive undici client that adds `X-API-KEY` and a timeout. */
export function undiciTransport(options: UndiciTransportOptions): UndiciTransport {
  const base = new URL(validateHttpUrl(options?.baseUrl, 'baseUrl'));
  const apiKey = checkApiKey(options.apiKey, options.apiKeyLocation);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const prefix = base.pathname.replace(/\/+$/, '');
  // The pool's timers bound each phase; the deadline in requestWhole bounds the whole call.
  const pool = new Pool(base.origin, {
    connections: options.connections ?? 8,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    connectTimeout: Math.min(timeoutMs, 10_000),
  });

  return {
    async request(request: TransportRequest): Promise<TransportResponse> {
      try {
        const maxBytes = maxAnswerBytes(request);
        const answer = await requestWhole(
          pool,
          {
            path: prefix + request.path,
            method: request.method,
            headers: { ...request.headers, 'x-api-key': apiKey, 'user-agent': USER_AGENT },
            body: request.body ?? null,
          },
          {
            deadlineMs: timeoutMs,
            maxBytes,
            onDeadline: () => BlazwaError.timeout(timeoutMs),
            onTooLarge: (status) => answerTooLarge(maxBytes, status),
          },
        );
        return { status: answer.statusCode, headers: flattenHeaders(answer.headers), body: answer.body };
      } catch (error) {
        throw isBlazwaError(error) ? error : connectionError(error, timeoutMs);
      }
    },
    close: () => pool.close(),
  };
}

/** Waits in Node, for BlazwaClient's `sleep` and the pacer. */
export const nodeSleep = (ms: number): Promise<void> => delay(ms);

/** undici names headers in lower case already; only a repeated header (an array) needs joining into one value. */
function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  for (const name in headers) {
    if (Array.isArray(headers[name])) return joinRepeated(headers);
  }
  return headers as Record<string, string | undefined>;
}

function joinRepeated(headers: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  const flat: Record<string, string | undefined> = {};
  for (const name in headers) {
    const value = headers[name];
    flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
