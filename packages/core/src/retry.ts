import type { BlazwaError } from './errors.js';

export interface RetryOptions {
  /** Further attempts after the first. Default 2. */
  retries?: number;
  /** Delay before the first retry, doubled each time, with jitter. Default 300 ms. */
  minDelayMs?: number;
  /** Cap of the backoff delay. Default 5,000 ms. */
  maxDelayMs?: number;
  /** A `Retry-After` longer than this is not waited for: the error is thrown instead. Default 30,000 ms. */
  maxRetryAfterMs?: number;
}

export type RetryPolicy = Required<RetryOptions>;

export const DEFAULT_RETRY: RetryPolicy = { retries: 2, minDelayMs: 300, maxDelayMs: 5_000, maxRetryAfterMs: 30_000 };

/**
 * Whether a call may run twice without harm. Sending a message and restarting are not: a second attempt could
 * deliver the message twice (or restart twice), so those are retried only when the first provably never left.
 */
export type Idempotency = 'safe' | 'once';

const RETRIED_STATUSES = new Set([429, 502, 503, 504]);

export function shouldRetry(error: BlazwaError, idempotency: Idempotency): boolean {
  if (error.kind === 'network' && error.requestSent === false) return true;
  if (idempotency === 'once') return false;
  if (error.kind === 'network' || (error.kind === 'timeout' && error.status === undefined)) return true;
  return error.status !== undefined && RETRIED_STATUSES.has(error.status);
}

/** Milliseconds to wait before retry number `attempt` (0-based), or `undefined` when the wait is too long. */
export function retryDelay(policy: RetryPolicy, attempt: number, error: BlazwaError, random: () => number): number | undefined {
  if (error.retryAfterMs !== undefined) {
    return error.retryAfterMs <= policy.maxRetryAfterMs ? error.retryAfterMs : undefined;
  }
  const ceiling = Math.min(policy.maxDelayMs, policy.minDelayMs * 2 ** attempt);
  // Half fixed, half random: spreads clients apart without ever retrying at once.
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
