import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BlazwaError, parseInboundMessage } from '../src/index.js';

const now = () => Date.parse('2026-11-21T06:00:00.000Z');

describe('parseInboundMessage', () => {
  it('reads the documents’ payload, normalizing from', () => {
    expect(parseInboundMessage({ message: 'lorem ipsum dolor sit amet', from: '6281234567890' }, { now })).toEqual({
      message: 'lorem ipsum dolor sit amet',
      from: '6281234567890',
      receivedAt: '2026-11-21T06:00:00.000Z',
      raw: { message: 'lorem ipsum dolor sit amet', from: '6281234567890' },
    });
  });

  it('accepts raw JSON, form-encoded text and bytes, and keeps extra fields in raw', () => {
    const fromJson = parseInboundMessage('{"message":"Halo","from":"0812-3456-7890","pushName":"Budi"}', { now });
    expect(fromJson).toMatchObject({ message: 'Halo', from: '6281234567890', raw: { pushName: 'Budi' } });
    const fromForm = parseInboundMessage('message=Halo+kak&from=%2B62+812+3456+7890', { now });
    expect(fromForm).toMatchObject({ message: 'Halo kak', from: '6281234567890' });
    const fromBytes = parseInboundMessage(new TextEncoder().encode('{"message":"x","from":"62811"}'), { now });
    expect(fromBytes.from).toBe('62811');
  });

  it('names the group when the delivery carries a groupName, and ignores one that is not a name', () => {
    expect(parseInboundMessage({ message: 'Halo', from: '0812-3456-7890', groupName: ' Staff ' }, { now })).toMatchObject({
      from: '6281234567890',
      groupName: 'Staff',
    });
    for (const groupName of ['', '  ', 42, null, { name: 'Staff' }]) {
      const parsed = parseInboundMessage({ message: 'Halo', from: '62811', groupName }, { now });
      expect(parsed).not.toHaveProperty('groupName');
      expect(parsed.raw.groupName).toEqual(groupName);
    }
  });

  it('treats a missing message as empty text (an image without caption)', () => {
    expect(parseInboundMessage({ from: '62811' }, { now }).message).toBe('');
  });

  it.each([
    [undefined, 'webhook body must be an object'],
    ['', 'webhook body is empty'],
    ['{"from": ', 'not valid JSON'],
    [{ message: 'x' }, "no 'from'"],
    [{ message: 'x', from: 'abc' }, "from 'abc' has a letter 'a' at position 1"],
    [{ message: 'x', from: '-' }, "from '-' has no digits"],
    [{ message: { text: 'x' }, from: '62811' }, "'message' must be text"],
    [{ message: 'x', from: ['62811'] }, "'from' must be a phone number"],
    [[1, 2], 'webhook body must be an object'],
  ])('%j → input error (%s)', (body, text) => {
    let caught: unknown;
    try {
      parseInboundMessage(body, { now });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BlazwaError);
    expect(caught).toMatchObject({ kind: 'input' });
    expect((caught as Error).message).toContain(text);
  });

  it('never throws anything but an input error, whatever arrives', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.jsonValue(), fc.object()), (body) => {
        try {
          const parsed = parseInboundMessage(body, { now });
          return typeof parsed.message === 'string' && /^\d+$/.test(parsed.from);
        } catch (error) {
          return error instanceof BlazwaError && error.kind === 'input';
        }
      }),
    );
  });
});
