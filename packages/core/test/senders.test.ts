import { describe, expect, it } from 'vitest';
import { createSenderFilter } from '../src/index.js';

describe('createSenderFilter', () => {
  it('lets everyone through when empty', () => {
    expect(createSenderFilter('')('6281')).toBe(true);
    expect(createSenderFilter(undefined)('6281')).toBe(true);
    expect(createSenderFilter([' '])('6281')).toBe(true);
  });

  it('matches numbers however they were typed', () => {
    const allowed = createSenderFilter('0812-3456-7890, +62 811 111 111\n6282212345678;');
    expect(allowed('6281234567890')).toBe(true);
    expect(allowed('62811111111')).toBe(true);
    expect(allowed('6282212345678')).toBe(true);
    expect(allowed('6289999999')).toBe(false);
    expect(createSenderFilter(['0812 3456 7890'])('6281234567890')).toBe(true);
  });

  it('names a bad entry', () => {
    expect(() => createSenderFilter('0812 3456 7890, boss')).toThrow("senders 'boss' has a letter 'b' at position 1");
    // A typo in the list is refused, not read as another number that would then be let through.
    expect(() => createSenderFilter('0812-3456-789O')).toThrow("senders '0812-3456-789O' has a letter 'O' at position 14");
    expect(() => createSenderFilter('0812')).toThrow('has only 5 digits');
  });
});

describe('createSenderFilter with ignoreInvalid', () => {
  it('skips entries without digits, and a list of only those lets nobody through', () => {
    const allowed = createSenderFilter('0812-3456-7890, boss', { field: 'allowFrom', ignoreInvalid: true });
    expect(allowed('6281234567890')).toBe(true);
    expect(allowed('62811')).toBe(false);
    expect(createSenderFilter('boss', { ignoreInvalid: true })('62811')).toBe(false);
    expect(() => createSenderFilter('boss', { field: 'allowFrom' })).toThrow("allowFrom 'boss' has a letter 'b'");
  });
});
