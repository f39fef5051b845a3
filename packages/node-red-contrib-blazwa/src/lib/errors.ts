import { BlazwaError, isBlazwaError } from '@blazwa/core';

/**
 * The error a node hands to `done(err)`: core's BlazwaError, whose message already says what to fix. A rejected key
 * names the place to fix it in Node-RED: the config node.
 */
export function toNodeError(error: unknown): Error {
  if (!isBlazwaError(error)) return error instanceof Error ? error : new Error(String(error));
  if (error.kind === 'unauthorized') {
    return new BlazwaError({
      kind: error.kind,
      message: error.message.includes('in your Blazwa settings')
        ? error.message.replace('in your Blazwa settings', 'in the Blazwa config node')
        : `${error.message}: check the Blazwa config node`,
      ...(error.status === undefined ? {} : { status: error.status }),
      ...(error.operation === undefined ? {} : { operation: error.operation }),
      code: error.code,
    });
  }
  return error;
}

/** A few words for a node's status line, never the key. */
export function shortReason(error: unknown): string {
  if (isBlazwaError(error)) return error.shortReason;
  return 'failed';
}
