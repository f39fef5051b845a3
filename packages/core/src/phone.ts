import { BlazwaError } from './errors.js';
import { clip } from './validation.js';

/** E.164 allows at most 15 digits, country code included. */
export const MAX_PHONE_DIGITS = 15;

/**
 * The API documents' phone-number rule, applied before anything is sent: drop every character that is not a
 * digit; then, if the result starts with `0`, replace that one `0` with `62` (Indonesia).
 *
 * | Input                                                                         | Read as         |
 * | ----------------------------------------------------------------------------- | --------------- |
 * | `081234567890`, `0812 3456 7890`, `0812-3456-7890`, `6281234567890`, `62812 3456 7890` | `6281234567890` |
 * | `81234567890`, `812 3456 7890`, `812-3456-7890`                               | `81234567890`   |
 *
 * `+62 812-3456-7890` reads as `6281234567890`. Digits of other scripts count as the digits they are (a fullwidth
 * `０８１２…` pasted from a phone reads as `0812…`). The result is idempotent: normalizing it again changes nothing.
 *
 * @throws {BlazwaError} kind `input`, quoting what was given, when there is no digit or more than 15 digits.
 */
export function normalizePhoneNumber(input: string | number, field = 'phoneNumber'): string {
  if (typeof input === 'number') {
    if (!Number.isSafeInteger(input) || input < 0) {
      throw BlazwaError.input(field, `${field} ${String(input)} is not a phone number: write it as text, like "0812 3456 7890"`);
    }
    input = String(input);
  }
  if (typeof input !== 'string') {
    throw BlazwaError.input(field, `${field} must be text like "0812 3456 7890", not ${describe(input)}`);
  }
  const digits = digitsOf(input);
  if (digits.length === 0) {
    throw BlazwaError.input(field, `${field} ${quote(input)} has no digits: give a number like "0812 3456 7890"`);
  }
  const normalized = digits.startsWith('0') ? `62${digits.slice(1)}` : digits;
  if (normalized.length > MAX_PHONE_DIGITS) {
    throw BlazwaError.input(
      field,
      `${field} ${quote(input)} has ${normalized.length} digits once normalized (${normalized}); a phone number has at most ${MAX_PHONE_DIGITS}`,
    );
  }
  return normalized;
}

/** The digits of `text`, in order, as ASCII. One pass without a regular expression: every send goes through here. */
function digitsOf(text: string): string {
  let digits = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x30 && code <= 0x39) digits += text[i];
    else if (code > 0x7f) return asciiDigits(text).replace(/\D+/g, '');
  }
  return digits;
}

/** Every Unicode decimal digit as its ASCII digit. */
function asciiDigits(text: string): string {
  return text.replace(/\p{Nd}/gu, (digit) => {
    // Unicode keeps decimal digits in runs of whole sets, each 0 to 9 in order: the offset in the run is the value.
    const codePoint = digit.codePointAt(0)!;
    let start = codePoint;
    while (/\p{Nd}/u.test(String.fromCodePoint(start - 1))) start--;
    return String((codePoint - start) % 10);
  });
}

function quote(value: string): string {
  return `'${clip(value, 40)}'`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
