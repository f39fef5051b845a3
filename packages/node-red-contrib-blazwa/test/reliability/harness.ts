// What every Node-RED reliability test shares: one distinctive API key and a watch that looks for it in everything
// the test sees; with the helpers both platforms' suites use (error trap, seeded random source, pool), passed on.
import { randomBytes } from 'node:crypto';

/** Distinctive, so a leak cannot hide behind a default key that also appears in fixtures. */
export const API_KEY = `sk-reliability-${randomBytes(12).toString('hex')}`;

/** One line of counts per test, in the run's output (the issue asks for printed counts, not only assertions). */
export function report(line: string): void {
  console.log(`[reliability] ${line}`);
}

/**
 * Looks for the API keys in every string reachable from what it is given, own non-enumerable properties included
 * (an Error's message, stack and cause), keys as well as values. Remembers where it was found, not what was seen,
 * so watching 10,000 msgs costs no memory.
 */
export class LeakWatch {
  readonly found: string[] = [];
  scanned = 0;
  readonly #secrets: string[];

  constructor(...secrets: string[]) {
    this.#secrets = secrets;
  }

  #holds(text: string | Buffer): boolean {
    return this.#secrets.some((secret) => text.includes(secret));
  }

  scan(label: string, value: unknown): void {
    this.scanned++;
    this.#walk(label, value, new WeakSet());
  }

  #walk(path: string, value: unknown, seen: WeakSet<object>): void {
    if (typeof value === 'string') {
      if (this.#holds(value)) this.found.push(path);
      return;
    }
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return;
    if (seen.has(value)) return;
    seen.add(value);
    if (value instanceof Uint8Array) {
      if (this.#holds(Buffer.from(value.buffer, value.byteOffset, value.byteLength))) this.found.push(path);
      return;
    }
    if (value instanceof Map || value instanceof Set) {
      let index = 0;
      for (const entry of value) this.#walk(`${path}[${index++}]`, entry, seen);
    }
    // Newer V8 makes an Error's stack an own accessor; it is safe to read, and it is where a message often ends up.
    if (value instanceof Error) this.#walk(`${path}.stack`, value.stack, seen);
    for (const key of Reflect.ownKeys(value)) {
      if (value instanceof Error && key === 'stack') continue;
      if (typeof key === 'string' && this.#holds(key)) this.found.push(`${path} (a key)`);
      const descriptor = Object.getOwnPropertyDescriptor(value, key);
      // Getters are skipped: reading one could change what is being watched.
      if (descriptor && 'value' in descriptor) this.#walk(`${path}.${String(key)}`, descriptor.value, seen);
    }
  }
}

/**
 * Everything the test process writes (console and the raw streams) goes through the watch as well as out.
 * Returns the function that puts the originals back.
 */
export function watchOutput(watch: LeakWatch): () => void {
  const restores: Array<() => void> = [];
  for (const stream of [process.stdout, process.stderr]) {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- kept to be called with the stream as `this`, and put back as it was
    const write = stream.write;
    stream.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
      watch.scan(stream === process.stdout ? 'stdout' : 'stderr', chunk);
      return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
    } as typeof stream.write;
    restores.push(() => {
      stream.write = write;
    });
  }
  for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called with console as `this`, and put back as it was
    const original = console[method];
    console[method] = (...args: unknown[]) => {
      watch.scan(`console.${method}`, args);
      original.apply(console, args);
    };
    restores.push(() => {
      console[method] = original;
    });
  }
  return () => {
    for (const restore of restores.reverse()) restore();
  };
}

export { duplicates, inPool, seededRandom, shuffled, trapProcessErrors } from '@blazwa/test-support/reliability';
