import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BlazwaError, MAX_PHONE_DIGITS, normalizePhoneNumber } from '../src/index.js';

describe('normalizePhoneNumber: the documents’ table', () => {
  it.each(['081234567890', '0812 3456 7890', '0812-3456-7890', '6281234567890', '62812 3456 7890', '+62 812-3456-7890'])(
    '%s → 6281234567890',
    (input) => expect(normalizePhoneNumber(input)).toBe('6281234567890'),
  );

  it.each(['81234567890', '812 3456 7890', '812-3456-7890'])('%s → 81234567890', (input) => {
    expect(normalizePhoneNumber(input)).toBe('81234567890');
  });

  it('forgives what people type', () => {
    expect(normalizePhoneNumber('0812-3456 7890')).toBe('6281234567890');
    expect(normalizePhoneNumber(' (0812) 3456.7890 ')).toBe('6281234567890');
    expect(normalizePhoneNumber(6281234567890)).toBe('6281234567890');
    // Pasted from a phone keyboard in another script: fullwidth, Arabic-Indic.
    expect(normalizePhoneNumber('０８１２-３４５６ ７８９０')).toBe('6281234567890');
    expect(normalizePhoneNumber('٠٨١٢٣٤٥٦٧٨٩٠')).toBe('6281234567890');
  });

  it('replaces only the first 0', () => {
    expect(normalizePhoneNumber('00812')).toBe('620812');
  });
});

describe('normalizePhoneNumber: bad input', () => {
  it('quotes input without digits', () => {
    const error = catchError(() => normalizePhoneNumber('08x-abc'.replace(/\d/g, '')));
    expect(error).toBeInstanceOf(BlazwaError);
    expect(error.kind).toBe('input');
    expect(error.field).toBe('phoneNumber');
    expect(error.message).toBe('phoneNumber \'x-abc\' has no digits: give a number like "0812 3456 7890"');
  });

  it('refuses more than 15 digits', () => {
    const error = catchError(() => normalizePhoneNumber('0812 3456 7890 1234'));
    expect(error.kind).toBe('input');
    expect(error.message).toContain("'0812 3456 7890 1234'");
    expect(error.message).toContain('at most 15');
  });

  it.each([[null], [undefined], [{}], [[1]], [1.5], [-1]])('refuses %j', (input) => {
    expect(catchError(() => normalizePhoneNumber(input as unknown as string)).kind).toBe('input');
  });

  it('names another field when asked', () => {
    expect(catchError(() => normalizePhoneNumber('', 'from')).message).toMatch(/^from '' has no digits/);
  });
});

describe('normalizePhoneNumber: properties', () => {
  const phoneish = fc.stringMatching(/^[0-9 +()\-.]{1,24}$/).filter((text) => {
    const digits = text.replace(/\D/g, '');
    return digits.length > 0 && (digits.startsWith('0') ? digits.length + 1 : digits.length) <= MAX_PHONE_DIGITS;
  });

  it('is idempotent', () => {
    fc.assert(fc.property(phoneish, (text) => normalizePhoneNumber(normalizePhoneNumber(text)) === normalizePhoneNumber(text)));
  });

  it('gives only digits, never a leading 0, at most 15 of them', () => {
    fc.assert(
      fc.property(phoneish, (text) => {
        const out = normalizePhoneNumber(text);
        return /^[1-9]\d*$/.test(out) && out.length <= MAX_PHONE_DIGITS;
      }),
    );
  });

  it('keeps the digits in order: drops separators, and maps a leading 0 to 62', () => {
    fc.assert(
      fc.property(phoneish, (text) => {
        const digits = text.replace(/\D/g, '');
        const expected = digits.startsWith('0') ? `62${digits.slice(1)}` : digits;
        return normalizePhoneNumber(text) === expected;
      }),
    );
  });

  it('reads the digits of any script as the ASCII digits they are', () => {
    // Zeros of several scripts' digit sets, including the mathematical ones that follow each other without a gap.
    const zeros = [0x30, 0x660, 0x6f0, 0x966, 0x9e6, 0xe50, 0xff10, 0x1d7ce, 0x1d7d8, 0x1d7f6];
    fc.assert(
      fc.property(phoneish, fc.constantFrom(...zeros), (text, zero) => {
        const foreign = text.replace(/\d/g, (digit) => String.fromCodePoint(zero + Number(digit)));
        return normalizePhoneNumber(foreign) === normalizePhoneNumber(text);
      }),
    );
  });

  it('either normalizes or throws an input error, for any text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        try {
          return /^\d+$/.test(normalizePhoneNumber(text));
        } catch (error) {
          return error instanceof BlazwaError && error.kind === 'input' && error.message.length > 0;
        }
      }),
    );
  });
});

function catchError(run: () => unknown): BlazwaError {
  try {
    run();
  } catch (error) {
    return error as BlazwaError;
  }
  throw new Error('expected an error');
}
