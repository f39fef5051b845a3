import { describe, expect, it } from 'vitest';
import { createSenderFilter } from '../src/index.js';

describe('createSenderFilter', () => {
  it('lets everyone through when empty', () => {
    expect(createSenderFilter('')('6281')).toBe(true);
    expect(createSenderFilter(undefined)('6281')).toBe(true);
    expect(createSenderFilter([' '])('6281')).toBe(true);
  });

  it('matches numbers however they were typed', () => {
    const allowed = createSenderFilter('0812-3456-7890, +62 811 111 111\n62822;');
    expect(allowed('6281234567890')).toBe(true);
    expect(allowed('62811111111')).toBe(true);
    expect(allowed('62822')).toBe(true);
    expect(allowed('6289999999')).toBe(false);
    expect(createSenderFilter(['0812 3456 7890'])('6281234567890')).toBe(true);
  });

  it('names a bad entry', () => {
    expect(() => createSenderFilter('0812, boss')).toThrow("senders 'boss' has no digits");
  });
});

describe('createSenderFilter with ignoreInvalid', () => {
  it('skips entries without digits, and a list of only those lets nobody through', () => {
    const allowed = createSenderFilter('0812-3456-7890, boss', { field: 'allowFrom', ignoreInvalid: true });
    expect(allowed('6281234567890')).toBe(true);
    expect(allowed('62811')).toBe(false);
    expect(createSenderFilter('boss', { ignoreInvalid: true })('62811')).toBe(false);
    expect(() => createSenderFilter('boss', { field: 'allowFrom' })).toThrow("allowFrom 'boss' has no digits");
  });
});
