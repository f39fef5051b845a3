import { normalizePhoneNumber } from './phone.js';

/**
 * A trigger's "only from these numbers" setting, as a user types it: numbers separated by commas, semicolons,
 * spaces between numbers or new lines, each in any common form (`0812-3456-7890`, `+62 812…`). Returns a test
 * for normalized `from` values; an empty setting lets every sender through.
 *
 * @throws {BlazwaError} kind `input` naming the entry that has no digits.
 */
export function createSenderFilter(senders: string | readonly string[] | undefined): (from: string) => boolean {
  const entries = (typeof senders === 'string' ? senders.split(/[,;\n]+/) : (senders ?? [])).map((entry) => entry.trim()).filter(Boolean);
  if (entries.length === 0) return () => true;
  const allowed = new Set(entries.map((entry) => normalizePhoneNumber(entry, 'senders')));
  return (from) => allowed.has(from);
}
