import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formBody } from '../src/form-body.js';

// Every send's body is written by formBody; any form decoder must read back exactly the text the user gave.
describe('formBody', () => {
  const field = fc.constantFrom('phoneNumber', 'groupName', 'message', 'imageUrl', 'responseAs', 'webhook');

  it('decodes to the same fields, whatever the text, with a lone surrogate as U+FFFD', () => {
    fc.assert(
      fc.property(fc.dictionary(field, fc.option(fc.string({ unit: 'binary' }), { nil: undefined })), (fields) => {
        const decoded = Object.fromEntries(new URLSearchParams(formBody(fields)));
        const expected = Object.fromEntries(
          Object.entries(fields)
            .filter(([, value]) => value !== undefined)
            .map(([key, value]) => [key, value!.toWellFormed()]),
        );
        expect(decoded).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('writes the characters forms treat specially as escapes', () => {
    expect(formBody({ message: 'a+b & c=d %20 #1 ?' })).toBe('message=a%2Bb%20%26%20c%3Dd%20%2520%20%231%20%3F');
    expect(formBody({ phoneNumber: '6281234567890', message: undefined, imageUrl: 'https://x.test/a b.png' })).toBe(
      'phoneNumber=6281234567890&imageUrl=https%3A%2F%2Fx.test%2Fa%20b.png',
    );
    expect(formBody({ message: 'a\uD800b' })).toBe('message=a%EF%BF%BDb');
    expect(formBody({})).toBe('');
  });
});
