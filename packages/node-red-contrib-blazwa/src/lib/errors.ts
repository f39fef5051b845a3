import { isBlazwaError } from '@blazwa/core';
import type { BlazwaError } from '@blazwa/core';

/**
 * What a flow can branch on after a failure without reading English, set as `msg.blazwaError` on the msg that
 * reaches a Catch node (Node-RED builds `msg.error` itself and copies only `message`, `code`, `stack` and `cause`):
 * `outcome` is `not-sent`, or `unknown` when a message may have been sent.
 */
export interface BlazwaErrorFields {
  kind: BlazwaError['kind'];
  outcome: BlazwaError['outcome'];
  retryable: boolean;
  status?: number;
  field?: string;
  operation?: string;
}

/**
 * The error a node hands to `done(err)`. Node-RED writes `String(err)` into `msg.error.message`, which for an Error
 * is `BlazwaError: …`: this one reads as core's plain sentence, which already says what to fix. With `msg`, the
 * fields go on `msg.blazwaError` first, so the msg Catch receives carries them.
 */
export function toNodeError(error: unknown, msg?: Record<string, unknown>): Error {
  if (!isBlazwaError(error)) return error instanceof Error ? error : new Error(String(error));
  if (msg) msg.blazwaError = errorFields(error);
  // On the error itself, not a copy: its toJSON and stack still serve loggers. An account's setup error is shared.
  if (!Object.hasOwn(error, 'toString')) {
    Object.defineProperty(error, 'toString', { value: () => error.message, configurable: true, writable: true });
  }
  return error;
}

export function errorFields(error: BlazwaError): BlazwaErrorFields {
  const fields: BlazwaErrorFields = { kind: error.kind, outcome: error.outcome, retryable: error.retryable };
  if (error.status !== undefined) fields.status = error.status;
  if (error.field !== undefined) fields.field = error.field;
  if (error.operation !== undefined) fields.operation = error.operation;
  return fields;
}
