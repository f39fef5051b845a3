// The leak checks of the other reliability tests are only worth something if the watch finds a key where one hides.
import { expect, it } from 'vitest';
import { LeakWatch, watchOutput } from './harness.js';

const KEY = 'sk-reliability-planted';

it('finds the key in nested values, keys, an Error chain, a Map, a Buffer, and nowhere else', () => {
  const watch = new LeakWatch(KEY);
  const cyclic: Record<string, unknown> = { clean: 'nothing here' };
  cyclic.self = cyclic;
  watch.scan('clean', [cyclic, 42, null, undefined, new Map([['a', 1]]), Buffer.from('no key')]);
  expect(watch.found).toEqual([]);

  watch.scan('nested', { a: [{ b: `x-api-key: ${KEY}` }] });
  watch.scan('key', { [KEY]: true });
  watch.scan('cause', new Error('outer', { cause: new Error(`inner ${KEY}`) }));
  watch.scan('map', new Map([['header', KEY]]));
  watch.scan('buffer', Buffer.from(`prefix ${KEY}`));
  expect(watch.found).toEqual(['nested.a.0.b', 'key (a key)', 'cause.cause.stack', 'cause.cause.message', 'map[0].1', 'buffer']);
});

it('watches for several keys at once', () => {
  const watch = new LeakWatch(KEY, 'sk-other');
  watch.scan('first', `a ${KEY}`);
  watch.scan('second', ['sk-other']);
  watch.scan('neither', 'sk-');
  expect(watch.found).toEqual(['first', 'second.0']);
});

it('sees what the process prints', () => {
  const watch = new LeakWatch(KEY);
  const restore = watchOutput(watch);
  try {
    console.log('the key is %s', KEY.slice(0, 5));
    console.log({ nested: KEY });
    process.stdout.write(`raw ${KEY}\n`);
  } finally {
    restore();
  }
  expect(watch.found).toEqual(['console.log.0.nested', 'stdout']);
});
