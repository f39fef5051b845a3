/**
 * How deep `msg.blazwa.raw` goes. The service delivers a flat `{ message, from }`; Node-RED clones a msg
 * recursively for every wire after the first, and a delivery nested a few thousand levels deep ran it out of stack and
 * took the whole process down. A value nested deeper than this is kept as its JSON text instead.
 */
export const MAX_RAW_DEPTH = 32;

/** What stands in for a value too deep even to turn into text (JSON.stringify ran out of stack on it). */
export const TOO_DEEP = '[nested too deeply to keep]';

export type CloneSafeRaw = { raw: Record<string, unknown>; bytes: number } | { tooLarge: true };

interface Pending {
  value: unknown;
  target: Record<string, unknown> | unknown[];
  key: string | number;
  depth: number;
}

/**
 * A copy of the delivery's fields that Node-RED can clone and show: objects and lists to {@link MAX_RAW_DEPTH}
 * levels, deeper values as their JSON text. Walks with its own stack, so no shape of input can exhaust the call stack.
 * `bytes` estimates the JSON size; past `maxBytes` the walk stops with `tooLarge` (for a body someone else parsed,
 * whose real size this node never saw).
 */
export function cloneSafeRaw(raw: Record<string, unknown>, maxBytes = Infinity): CloneSafeRaw {
  const root: Record<string, unknown> = {};
  const pending: Pending[] = [];
  let bytes = 2;
  const children = (value: object, target: Record<string, unknown> | unknown[], depth: number): void => {
    const entries = Object.entries(value);
    // Pushed last to first, so fields are copied, and so ordered, as they came.
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i]!;
      // JSON.parse makes "__proto__" a plain field, but Node-RED's copy of the msg for a second wire assigns it, which
      // turns it into that copy's prototype: a field a flow reads could then come from the sender. Left out.
      if (key === '__proto__') continue;
      bytes += Array.isArray(value) ? 1 : key.length + 4;
      pending.push({ value: child, target, key: Array.isArray(value) ? Number(key) : key, depth });
    }
  };
  children(raw, root, 1);
  while (pending.length > 0) {
    if (bytes > maxBytes) return { tooLarge: true };
    const { value, target, key, depth } = pending.pop()!;
    let copy: unknown = value;
    if (typeof value === 'string') {
      bytes += value.length + 2;
    } else if (value !== null && typeof value === 'object') {
      if (depth >= MAX_RAW_DEPTH) {
        copy = jsonText(value);
        bytes += (copy as string).length;
      } else {
        copy = Array.isArray(value) ? new Array<unknown>(value.length) : {};
        children(value, copy as Record<string, unknown> | unknown[], depth + 1);
      }
    } else {
      bytes += String(value).length;
    }
    (target as Record<string | number, unknown>)[key] = copy;
  }
  return bytes > maxBytes ? { tooLarge: true } : { raw: root, bytes };
}

function jsonText(value: object): string {
  try {
    return JSON.stringify(value) ?? TOO_DEEP;
  } catch {
    return TOO_DEEP;
  }
}
