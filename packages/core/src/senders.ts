import { normalizePhoneNumber } from './phone.js';

export interface SenderFilterOptions {
  /** The setting's name in error messages. Default `senders`. */
  field?: string;
  /**
   * Skip entries that are not phone numbers instead of throwing, for a host whose editor already flags them. A list whose
   * every entry is skipped still lets nobody through: the user did ask for a list.
   */
  ignoreInvalid?: boolean;
}

/**
 * A trigger's "only from these numbers" setting, as a user types it: numbers separated by commas, semicolons or
 * new lines, each in any common form (`0812-3456-7890`, `+62 812…`). Returns a test for normalized `from` values;
 * an empty setting lets every sender through.
 *
 * @throws {BlazwaError} kind `input` naming the entry that is not a phone number (read as {@link normalizePhoneNumber} reads a
 *   number to send to), unless `ignoreInvalid`.
 */
export function createSenderFilter(senders: string | readonly string[] | undefined, options: SenderFilterOptions = {}): (from: string) => boolean {
  const { field = 'senders', ignoreInvalid = false } = options;
  const entries = (typeof senders === 'string' ? senders.split(/[,;\n]+/) : (senders ?? [])).map((entry) => entry.trim()).filter(Boolean);
  if (entries.length === 0) return () => true;
  const allowed = new Set<string>();
  for (const entry of entries) {
    try {
      allowed.add(normalizePhoneNumber(entry, field));
    } catch (error) {
      if (!ignoreInvalid) throw error;
    }
  }
  return (from) => allowed.has(from);
}
