import { BlazwaError } from './errors.js';

// What a transport's failure means, from the error codes Node, undici and axios (n8n) use. One table for every
// transport, so "may this send be retried?" has one answer.

/** The connection never opened: nothing can have reached the service. */
const NOT_SENT: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  UND_ERR_CONNECT_TIMEOUT: 'no connection within the time limit',
};

/** The request was under way when time ran out. */
const TIMED_OUT = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'ECONNABORTED', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** The caller stopped waiting (an n8n execution was stopped). */
const CANCELLED = new Set(['ERR_CANCELED', 'ABORT_ERR', 'UND_ERR_ABORTED']);

// Words, not codes, in messages: n8n's NodeApiError replaces any message that contains `ECONNREFUSED` & co. with a
// generic sentence of its own, which would lose the advice.
const SENT: Record<string, string> = {
  ECONNRESET: 'connection closed by the server',
  EPIPE: 'connection closed by the server',
  UND_ERR_SOCKET: 'connection closed by the server',
  UND_ERR_CLOSED: 'connection closed',
};

const KNOWN = new Set([...Object.keys(NOT_SENT), ...TIMED_OUT, ...CANCELLED, ...Object.keys(SENT)]);

/**
 * The BlazwaError for a request that got no answer. `requestSent` is `false` only for failures before a
 * connection existed, the one case in which a send may be retried.
 */
export function connectionError(error: unknown, timeoutMs: number): BlazwaError {
  const code = errorCode(error);
  if (code !== undefined && CANCELLED.has(code)) {
    return BlazwaError.cancelled('Stopped while waiting for the Blazwa server: the request may or may not have reached it', 'unknown');
  }
  if (code !== undefined && TIMED_OUT.has(code)) return BlazwaError.timeout(timeoutMs, { cause: error });
  const notSent = code === undefined ? undefined : NOT_SENT[code];
  if (notSent !== undefined) return BlazwaError.network(notSent, { requestSent: false, cause: error });
  return BlazwaError.network((code === undefined ? undefined : SENT[code]) ?? 'connection failed', { requestSent: true, cause: error });
}

/** The most telling error code along the cause chain (wrappers often carry a vaguer one than their cause). */
export function errorCode(error: unknown): string | undefined {
  let first: string | undefined;
  let current: unknown = error;
  for (let depth = 0; depth < 6 && typeof current === 'object' && current !== null; depth++) {
    const { code, cause } = current as { code?: unknown; cause?: unknown };
    if (typeof code === 'string') {
      if (KNOWN.has(code) && !(code in SENT && hasKnownCause(cause))) return code;
      first ??= code;
    }
    current = cause;
  }
  return first;
}

function hasKnownCause(cause: unknown): boolean {
  const code = errorCode(cause);
  return code !== undefined && KNOWN.has(code);
}
