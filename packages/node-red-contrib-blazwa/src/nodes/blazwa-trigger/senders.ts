import { normalizePhoneNumber } from '@blazwa/core';

/** The senders to accept, normalized; `undefined` accepts everyone. Entries split on commas, semicolons or new lines. */
export function parseAllowList(value: unknown): Set<string> | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const numbers = new Set<string>();
  for (const entry of value.split(/[,;\n]+/)) {
    if (entry.trim() === '') continue;
    try {
      numbers.add(normalizePhoneNumber(entry, 'allowFrom'));
    } catch {
      // An entry without digits cannot match any sender; the editor flags it before deploy.
    }
  }
  return numbers;
}
