// What every reliability test shares: one distinctive API key and a watch that looks for it in everything the test
// sees, a trap for unhandled rejections and uncaught exceptions, a seeded random source (a failure must be
// reproducible) and a pool that runs work at a fixed concurrency.
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

/** Unhandled rejections and uncaught exceptions while the trap is set; `release()` removes the listeners. */
export function trapProcessErrors(): { seen: string[]; release(): void } {
  const seen: string[] = [];
  const onRejection = (reason: unknown): void => {
    seen.push(`unhandledRejection: ${reason instanceof Error ? reason.stack : String(reason)}`);
  };
  const onException = (error: Error): void => {
    seen.push(`uncaughtException: ${error.stack ?? String(error)}`);
  };
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return {
    seen,
    release() {
      process.off('unhandledRejection', onRejection);
      process.off('uncaughtException', onException);
    },
  };
}

/** A small seeded generator (mulberry32): the same seed gives the same fault pattern on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `items` in an order fixed by `random` (Fisher–Yates). */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const result = [...items];
  for (let i = result.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [result[i], result[j]] = [result[j]!, result[i]!];
  }
  return result;
}

/** Runs `task(0…count-1)` with at most `concurrency` under way at once; rejects with the first failure. */
export async function inPool(count: number, concurrency: number, task: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

/** How many times each value occurs more than once. */
export function duplicates(values: Iterable<string>): number {
  const seen = new Set<string>();
  let count = 0;
  for (const value of values) {
    if (seen.has(value)) count++;
    else seen.add(value);
  }
  return count;
}
