import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BlazwaError, MAX_PHONE_DIGITS, MIN_PHONE_DIGITS, normalizePhoneNumber } from '../src/index.js';

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

  it('reads the separators people type, and one + before the first digit', () => {
    expect(normalizePhoneNumber('0812/3456/7890')).toBe('6281234567890');
    expect(normalizePhoneNumber('(+62) 812-3456-7890')).toBe('6281234567890');
    expect(normalizePhoneNumber('\u00a00812\u00a03456\u00a07890\n')).toBe('6281234567890');
    expect(normalizePhoneNumber('+44 20 7946 0958')).toBe('442079460958');
    expect(normalizePhoneNumber('0812–3456–7890')).toBe('6281234567890');
  });
});

describe('normalizePhoneNumber: bad input', () => {
  it('quotes input without digits', () => {
    const error = catchError(() => normalizePhoneNumber('-- ( )'));
    expect(error).toBeInstanceOf(BlazwaError);
    expect(error.kind).toBe('input');
    expect(error.field).toBe('phoneNumber');
    expect(error.message).toBe('phoneNumber \'-- ( )\' has no digits: give a number like "0812 3456 7890"');
  });

  it('refuses more than 15 digits, and fewer than 7', () => {
    expect(catchError(() => normalizePhoneNumber('62812')).message).toBe(
      "phoneNumber '62812' has only 5 digits once normalized (62812); a phone number has at least 7, country code included",
    );
    expect(normalizePhoneNumber('+683 4002')).toBe('6834002'); // Niue: the shortest numbers of any plan

    const error = catchError(() => normalizePhoneNumber('0812 3456 7890 1234'));
    expect(error.kind).toBe('input');
    expect(error.message).toContain("'0812 3456 7890 1234'");
    expect(error.message).toContain('at most 15');
  });

  it.each([[null], [undefined], [{}], [[1]], [1.5], [-1], [NaN], [Infinity], [2 ** 53]])('refuses %j', (input) => {
    expect(catchError(() => normalizePhoneNumber(input as unknown as string)).kind).toBe('input');
  });

  it('names another field when asked', () => {
    expect(catchError(() => normalizePhoneNumber('', 'from')).message).toMatch(/^from '' has no digits/);
  });
});

describe('normalizePhoneNumber: properties', () => {
  // A number as people write it: national (0…), international (+…) or bare, with separators between the digits.
  const separator = fc.constantFrom('', '', '', ' ', '-', '.', '/', '(', ')', '\u00a0');
  const phoneish = fc
    // Not 620…: no Indonesian number has a 0 after its country code, and such a number is refused.
    .tuple(
      fc.constantFrom('0', '+', ''),
      fc.stringMatching(/^[1-9][0-9]{6,12}$/).filter((digits) => !digits.startsWith('620')),
    )
    .chain(([prefix, digits]) =>
      fc
        .array(separator, { minLength: digits.length, maxLength: digits.length })
        .map((gaps) => prefix + [...digits].map((digit, i) => digit + gaps[i]).join('')),
    )
    .filter((text) => !/^\+?\d+\.\d+$/.test(text.trim()) && !/\(\s*0\s*\)/.test(text));

  it('is idempotent', () => {
    fc.assert(fc.property(phoneish, (text) => normalizePhoneNumber(normalizePhoneNumber(text)) === normalizePhoneNumber(text)));
  });

  it('gives only digits, never a leading 0, at most 15 of them', () => {
    fc.assert(
      fc.property(phoneish, (text) => {
        const out = normalizePhoneNumber(text);
        return /^[1-9]\d*$/.test(out) && out.length <= MAX_PHONE_DIGITS && out.length >= MIN_PHONE_DIGITS;
      }),
    );
  });

  it('keeps the digits in order: drops separators, and maps a leading 0 to 62', () => {
    fc.assert(
      fc.property(phoneish, (text) => {
        const digits = text.replace(/\D/g, '');
        const expected = digits.startsWith('0') && !text.startsWith('+') ? `62${digits.slice(1)}` : digits;
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

describe('normalizePhoneNumber: a typo never reaches a stranger (issue 14, the table)', () => {
  it.each([
    ['0812-3456-789O', "phoneNumber '0812-3456-789O' has a letter 'O' at position 14: a phone number has only digits, spaces, -, ( ) and +"],
    ['0812 34S6 7890', "phoneNumber '0812 34S6 7890' has a letter 'S' at position 8: a phone number has only digits, spaces, -, ( ) and +"],
    [
      '6281234567890.0',
      "phoneNumber '6281234567890.0' is a decimal number, as a spreadsheet exports a number cell: give the phone number as text, without the '.0'",
    ],
    ['6.28123E+12', "phoneNumber '6.28123E+12' has a letter 'E' at position 8: a phone number has only digits, spaces, -, ( ) and +"],
    [
      '+62 812-3456-7890 ext. 12',
      "phoneNumber '+62 812-3456-7890 ext. 12' has a letter 'e' at position 19: a phone number has only digits, spaces, -, ( ) and +",
    ],
    ['0', "phoneNumber '0' has only 2 digits once normalized (62); a phone number has at least 7, country code included"],
    ['-0', "phoneNumber '-0' has only 2 digits once normalized (62); a phone number has at least 7, country code included"],
    [
      '0044 20 7946 0958',
      "phoneNumber '0044 20 7946 0958' starts with 00: write an international number with + and its country code (+44 20 …), an Indonesian one with one 0 (0812 …)",
    ],
  ])('%s is refused: %s', (input, message) => {
    const error = catchError(() => normalizePhoneNumber(input));
    expect(error).toBeInstanceOf(BlazwaError);
    expect(error).toMatchObject({ kind: 'input', field: 'phoneNumber' });
    expect(error.message).toBe(message);
  });

  it('6.28e12 as a JS number is refused: a number has no spelling, and its lost digits show as zeros', () => {
    expect(catchError(() => normalizePhoneNumber(6.28e12)).message).toBe(
      "phoneNumber 6280000000000 is a number ending in 10 zeros, as a spreadsheet's 6.28E+12 becomes once its digits are lost: give the phone number as text",
    );
    expect(catchError(() => normalizePhoneNumber(Number('6.28123E+12'))).kind).toBe('input');
    // The same digits written as text were written by someone: they are read as written.
    expect(normalizePhoneNumber('6280000000000')).toBe('6280000000000');
    expect(normalizePhoneNumber(6281234567890)).toBe('6281234567890');
    expect(normalizePhoneNumber(6281234560000)).toBe('6281234560000');
  });

  it.each([
    ['+62 0812 3456 7890', 'has a 0 after the country code 62'],
    ['620812345678', 'has a 0 after the country code 62'],
    ['+0812 3456 7890', 'has a 0 after the +'],
    ['+44 (0)20 7946 0958', 'has a (0): leave it out'],
    ['62 812 3456 7890+', "has a '+' that is not at the start at position 17"],
    ['0812\u200b3456 7890', 'has an invisible character (U+200B) at position 5'],
    ['0812,3456,7890', "has a ',' at position 5"],
    ['0812 3456 7890 #1', "has a '#' at position 16"],
    ['628123.4567890', 'is a decimal number'],
  ])('%s is refused (%s)', (input, text) => {
    expect(catchError(() => normalizePhoneNumber(input)).message).toContain(text);
  });
});

describe('normalizePhoneNumber: what is never sent (properties)', () => {
  const digitsText = fc.stringMatching(/^[0-9]{1,15}$/);
  const separated = fc.stringMatching(/^[0-9 ()\-./]{0,20}$/);

  it('no text containing a letter is ever read as a number', () => {
    const letter = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ', 'é', 'ß', 'Ж', 'ع', 'ก');
    fc.assert(
      fc.property(separated, letter, separated, (before, char, after) => {
        const error = catchError(() => normalizePhoneNumber(`${before}${char}${after}`));
        return error instanceof BlazwaError && error.kind === 'input';
      }),
    );
  });

  it('no decimal fraction is ever read as a number', () => {
    fc.assert(
      fc.property(digitsText, digitsText, fc.boolean(), (whole, fraction, plus) => {
        const error = catchError(() => normalizePhoneNumber(`${plus ? '+' : ''}${whole}.${fraction}`));
        return error instanceof BlazwaError && error.kind === 'input';
      }),
    );
  });

  it('no exponent is ever read as a number, as text or as a JS number', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.stringMatching(/^[0-9]{0,6}$/),
        fc.integer({ min: 6, max: 15 }),
        fc.constantFrom('e', 'E', 'e+', 'E+'),
        (lead, rest, exponent, mark) => {
          const text = `${lead}${rest === '' ? '' : `.${rest}`}${mark}${exponent}`;
          const asText = catchError(() => normalizePhoneNumber(text));
          // As a JS number it is read only if no digit was lost, i.e. when it is not a rounded spreadsheet value.
          const value = Number(text);
          const significant = `${lead}${rest}`.replace(/0+$/, '').length;
          const lost = String(value).length - significant;
          const asNumber = lost > 4 ? catchError(() => normalizePhoneNumber(value)) : undefined;
          return asText.kind === 'input' && (asNumber === undefined || asNumber.kind === 'input');
        },
      ),
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
