import { BlazwaError } from './errors.js';
import { clip } from './validation.js';

/** E.164 allows at most 15 digits, country code included. */
export const MAX_PHONE_DIGITS = 15;

/**
 * The fewest digits a phone number has, country code included. The shortest numbers of any numbering plan are a
 * three-digit country code and four subscriber digits (Niue +683, Saint Helena +290, Tokelau +690: 7 digits);
 * Indonesian numbers are far longer (62 and 8 to 12 more). Anything shorter is a typo, a cell that lost digits or a
 * stray `0`, and would be sent to whoever holds that number, if anyone.
 */
export const MIN_PHONE_DIGITS = 7;

/**
 * Trailing zeros a JS number may end in. A number has no spelling of its own: a cell shown as `6.28123E+12` (six
 * significant digits, what spreadsheets show for numbers of 11 digits or more) and read back as a number is
 * `6281230000000`, indistinguishable from a number someone meant. Real numbers rarely end in five zeros; ones that
 * came through scientific notation always do. A number is refused then; the same digits as text are accepted.
 */
const MAX_TRAILING_ZEROS_OF_A_NUMBER = 4;

const RULE = 'a phone number has only digits, spaces, -, ( ) and +';

/**
 * The phone number a user wrote, read strictly before anything is sent to it. It may carry the separators people
 * type (spaces, `-`, `.`, `/`, `(`, `)`, one leading `+`); any other character is refused, never dropped, because
 * dropping a typo's letter turns it into someone else's number. Then the documents' rule: a leading `0` becomes `62`
 * (Indonesia).
 *
 * | Input                                                                                    | Read as         |
 * | ---------------------------------------------------------------------------------------- | --------------- |
 * | `081234567890`, `0812 3456 7890`, `0812-3456-7890`, `6281234567890`, `62812 3456 7890`   | `6281234567890` |
 * | `+62 812-3456-7890`                                                                      | `6281234567890` |
 * | `81234567890`, `812 3456 7890`, `812-3456-7890`                                          | `81234567890`   |
 *
 * Refused, with an error that says what to fix: a letter or other character (`0812-3456-789O`, `ext. 12`,
 * `6.28123E+12`), a decimal number (`6281234567890.0`), fewer than {@link MIN_PHONE_DIGITS} or more than
 * {@link MAX_PHONE_DIGITS} digits, a `00` international prefix (`0044 20 …`: in Indonesia the prefixes are 001, 007,
 * 008…, so `00` cannot be read either way with certainty: write `+44 20 …`), a trunk `0` after the country code
 * (`+62 0812…`, `+44 (0)20…`), and a JS number that is not a safe non-negative integer or ends in five zeros.
 * Digits of other scripts count as the digits they are (a fullwidth `０８１２…` pasted from a phone reads as
 * `0812…`). The result is idempotent: reading it again changes nothing.
 *
 * @throws {BlazwaError} kind `input`, quoting what was given.
 */
export function normalizePhoneNumber(input: string | number, field = 'phoneNumber'): string {
  if (typeof input === 'number') return fromNumber(input, field);
  if (typeof input !== 'string') {
    throw BlazwaError.input(field, `${field} must be text like "0812 3456 7890", not ${describe(input)}`);
  }
  const { digits, plus } = readDigits(input, field, true);
  if (plus && digits.startsWith('0')) {
    throw BlazwaError.input(field, `${field} ${quote(input)} has a 0 after the +: after + comes the country code, like +62 812 3456 7890`);
  }
  if (!plus && digits.startsWith('00')) {
    throw BlazwaError.input(
      field,
      `${field} ${quote(input)} starts with 00: write an international number with + and its country code (+44 20 …), an Indonesian one with one 0 (0812 …)`,
    );
  }
  const normalized = !plus && digits.startsWith('0') ? ['62', digits.slice(1)].join('') : digits;
  if (normalized.startsWith('620')) {
    throw BlazwaError.input(field, `${field} ${quote(input)} has a 0 after the country code 62: leave it out (+62 812…, not +62 0812…)`);
  }
  // A queued message keeps this string until its turn: a number given as it is sent shares the msg's own.
  return checkLength(normalized === input ? input : normalized, input, field);
}

/**
 * The sender of a webhook delivery, as the service wrote it: read leniently (any length, a WhatsApp id's
 * `@s.whatsapp.net` / `@c.us` suffix dropped), but a letter or other stray character is still refused rather than
 * dropped, so a sender is never taken for another number.
 */
export function readInboundPhoneNumber(input: string | number, field = 'from'): string {
  if (typeof input === 'number') {
    if (!Number.isSafeInteger(input) || input < 0) throw BlazwaError.input(field, `${field} ${String(input)} is not a phone number`);
    return String(input);
  }
  const text = input.trim().replace(/@(s\.whatsapp\.net|c\.us)$/i, '');
  const { digits, plus } = readDigits(text, field, false);
  const normalized = digits.startsWith('0') && !plus ? `62${digits.slice(1)}` : digits;
  if (normalized.length > MAX_PHONE_DIGITS) {
    throw BlazwaError.input(field, `${field} ${quote(input)} has ${normalized.length} digits; a phone number has at most ${MAX_PHONE_DIGITS}`);
  }
  return normalized;
}

/**
 * The API documents' rule exactly as the service applies it: drop every non-digit, then a leading `0` becomes `62`;
 * no digit or more than 15 is refused. For a server that imitates the service (the sandbox); never for choosing
 * whom to send to, which {@link normalizePhoneNumber} does.
 */
export function servicePhoneRule(input: string | number, field = 'phoneNumber'): string {
  if (typeof input === 'number' && (!Number.isSafeInteger(input) || input < 0)) {
    throw BlazwaError.input(field, `${field} ${String(input)} is not a phone number: write it as text, like "0812 3456 7890"`);
  }
  if (typeof input !== 'string' && typeof input !== 'number') {
    throw BlazwaError.input(field, `${field} must be text like "0812 3456 7890", not ${describe(input)}`);
  }
  const text = String(input);
  const digits = asciiDigits(text).replace(/\D+/g, '');
  if (digits === '') throw BlazwaError.input(field, `${field} ${quote(text)} has no digits: give a number like "0812 3456 7890"`);
  const normalized = digits.startsWith('0') ? `62${digits.slice(1)}` : digits;
  if (normalized.length > MAX_PHONE_DIGITS) {
    throw BlazwaError.input(
      field,
      `${field} ${quote(text)} has ${normalized.length} digits once normalized (${normalized}); a phone number has at most ${MAX_PHONE_DIGITS}`,
    );
  }
  return normalized;
}

function fromNumber(input: number, field: string): string {
  if (!Number.isSafeInteger(input) || input < 0) {
    throw BlazwaError.input(field, `${field} ${String(input)} is not a phone number: write it as text, like "0812 3456 7890"`);
  }
  const digits = String(input);
  const zeros = digits.length - digits.replace(/0+$/, '').length;
  if (zeros > MAX_TRAILING_ZEROS_OF_A_NUMBER && digits.length >= MIN_PHONE_DIGITS) {
    throw BlazwaError.input(
      field,
      `${field} ${digits} is a number ending in ${zeros} zeros, as a spreadsheet's 6.28E+12 becomes once its digits are lost: give the phone number as text`,
    );
  }
  return checkLength(digits, digits, field);
}

function checkLength(normalized: string, input: string, field: string): string {
  if (normalized.length > MAX_PHONE_DIGITS) {
    throw BlazwaError.input(
      field,
      `${field} ${quote(input)} has ${normalized.length} digits once normalized (${normalized}); a phone number has at most ${MAX_PHONE_DIGITS}`,
    );
  }
  if (normalized.length < MIN_PHONE_DIGITS) {
    throw BlazwaError.input(
      field,
      `${field} ${quote(input)} has only ${normalized.length} digits once normalized (${normalized}); a phone number has at least ${MIN_PHONE_DIGITS}, country code included`,
    );
  }
  return normalized;
}

const SEPARATORS = new Set([' ', '-', '.', '/', '(', ')', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212']);

/**
 * The digits of `text` as ASCII, refusing any character that is neither a digit nor a separator. `strict` also
 * refuses a decimal number and a `(0)`; the 1-based position in an error counts characters as a person does.
 */
function readDigits(text: string, field: string, strict: boolean): { digits: string; plus: boolean } {
  // Joined at the end: `+=` one character at a time leaves a chain of pieces (twice the memory of the digits).
  const parts: string[] = [];
  let position = 0;
  let plus = false;
  for (const char of text) {
    position++;
    const code = char.codePointAt(0)!;
    if (code >= 0x30 && code <= 0x39) {
      parts.push(char);
      continue;
    }
    if (code > 0x7f && /\p{Nd}/u.test(char)) {
      parts.push(asciiDigits(char));
      continue;
    }
    if (/\s/u.test(char)) continue;
    // One + before the first digit: `+62 812…`, and `(+62) 812…` as Indonesian business cards write it.
    if (char === '+' && !plus && parts.length === 0) {
      plus = true;
      continue;
    }
    if (SEPARATORS.has(char)) continue;
    throw BlazwaError.input(field, `${field} ${quote(text)} has ${nameOf(char)} at position ${position}: ${RULE}`);
  }
  if (parts.length === 0) {
    throw BlazwaError.input(field, `${field} ${quote(text)} has no digits: give a number like "0812 3456 7890"`);
  }
  if (strict) {
    const trimmed = text.trim();
    if (/^\+?\p{Nd}+\.\p{Nd}+$/u.test(trimmed)) {
      throw BlazwaError.input(
        field,
        `${field} ${quote(text)} is a decimal number, as a spreadsheet exports a number cell: give the phone number as text, without the '.${trimmed.split('.')[1]}'`,
      );
    }
    if (/\(\s*0\s*\)/.test(trimmed)) {
      throw BlazwaError.input(field, `${field} ${quote(text)} has a (0): leave it out (+44 20 …, not +44 (0)20 …)`);
    }
  }
  return { digits: parts.join(''), plus };
}

function nameOf(char: string): string {
  if (/\p{L}/u.test(char)) return `a letter '${char}'`;
  if (char === '+') return "a '+' that is not at the start";
  if (/[\p{C}\p{Z}]/u.test(char)) return `an invisible character (U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`;
  return `a '${char}'`;
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
