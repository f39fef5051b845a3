import { isBlazwaError } from '@blazwa/core';

/** The error a node hands to `done(err)`: core's BlazwaError, whose message already says what to fix. */
export function toNodeError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** A few words for a node's status line, never the key. */
export function shortReason(error: unknown): string {
  if (isBlazwaError(error)) return error.shortReason;
  return 'failed';
}
