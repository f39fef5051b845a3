import { toApiOperation } from './operation-names.js';
import type { ApiOperation, FaultSpec, QueuedFault } from './types.js';

const STATUSES = new Set([500, 502, 503, 504, 429]);

/** Checks a fault spec (it may come from JSON over HTTP) and returns it ready to queue, or throws naming the field. */
export function toQueuedFault(spec: FaultSpec): QueuedFault {
  if (typeof spec !== 'object' || spec === null) throw new TypeError('a fault is an object like { "status": 500 }');
  const fault: QueuedFault = { remaining: positiveInteger(spec.count ?? 1, 'count') };
  if (spec.status !== undefined) {
    if (!STATUSES.has(Number(spec.status))) throw new TypeError(`status ${String(spec.status)} is not one of 500, 502, 503, 504, 429`);
    fault.status = Number(spec.status) as QueuedFault['status'];
  }
  if (spec.retryAfterSeconds !== undefined) fault.retryAfterSeconds = nonNegative(spec.retryAfterSeconds, 'retryAfterSeconds');
  else if (fault.status === 429) fault.retryAfterSeconds = 1;
  if (spec.delayMs !== undefined) fault.delayMs = nonNegative(spec.delayMs, 'delayMs');
  if (spec.drop) fault.drop = true;
  if (spec.dropAfterProcessing) fault.dropAfterProcessing = true;
  if (fault.status === undefined && fault.delayMs === undefined && !fault.drop && !fault.dropAfterProcessing) {
    throw new TypeError('a fault needs at least one of status, delayMs, drop, dropAfterProcessing');
  }
  if (spec.operations !== undefined) {
    if (!Array.isArray(spec.operations)) throw new TypeError('operations must be a list like ["message"]');
    fault.operations = spec.operations.map((name) => {
      const operation = toApiOperation(String(name));
      if (!operation) throw new TypeError(`operations: '${String(name)}' is not an API operation (message, message-group, status, …)`);
      return operation;
    });
  }
  return fault;
}

/** Takes one use of the first queued fault that applies to this operation. */
export function takeFault(queue: QueuedFault[], operation: ApiOperation): QueuedFault | undefined {
  const index = queue.findIndex((fault) => !fault.operations || fault.operations.includes(operation));
  if (index < 0) return undefined;
  const fault = queue[index]!;
  fault.remaining -= 1;
  if (fault.remaining <= 0) queue.splice(index, 1);
  return fault;
}

function positiveInteger(value: unknown, field: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new TypeError(`${field} must be a whole number ≥ 1`);
  return number;
}

function nonNegative(value: unknown, field: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0) throw new TypeError(`${field} must be a number ≥ 0`);
  return number;
}
