import type { QueuedFault } from './types.js';

/** An answer to an API request, before it is sent (so faults can hold it back or drop it). */
export interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

// The documents leave `code` undefined outside "20001 on success"; these are the sandbox's own, stable values.
export const CODES = {
  sent: 20001,
  invalid: 40001,
  notConnected: 40002,
  alreadyConnected: 40003,
  serverError: 50001,
} as const;

export function ok(body: unknown): Answer {
  return { status: 200, body };
}

/** The documents' 400 with `errors[]`: one line per problem, each starting with the field's name. */
export function invalid(errors: string[]): Answer {
  return { status: 400, body: { message: 'The given data was invalid.', errors, code: CODES.invalid } };
}

/** The documents' other 400 shape: `{ message, code }` without `errors`. */
export function refused(message: string, code: number): Answer {
  return { status: 400, body: { message, code } };
}

export function unauthorized(message: string): Answer {
  return { status: 401, body: { message } };
}

/** What a fault with a status answers, in the documents' shape for that status. */
export function faultAnswer(fault: QueuedFault): Answer {
  const status = fault.status!;
  const headers: Record<string, string> = {};
  if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
  if (status === 504) return { status, headers, body: { message: 'Gateway Time-out' } };
  if (status === 429) return { status, headers, body: { message: 'Too many requests: slow down and try again later' } };
  return {
    status,
    headers,
    body: { message: 'Internal server error', error: `sandbox fault: a simulated ${status}`, code: CODES.serverError },
  };
}
