// The durable outbox of one WhatsApp account: an append-only log in the Node-RED user folder, one JSON record a line.
// Imports only Node's own modules, so a test child process can run this file as it is (kill -9 at random points).
import {
  closeSync,
  fdatasync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';

/** A waiting message as stored: its place in the account's order, its send node, what to send, and the msg. */
export interface StoredMessage {
  seq: number;
  nodeId: string;
  request: Record<string, unknown>;
  msg: Record<string, unknown>;
}

/** What a log says after a stop or a crash. */
export interface Recovered {
  /** Queued and never handed to the service: to send, in this order. */
  waiting: StoredMessage[];
  /** Handed to the service with no answer recorded: never to be sent again, only reported. */
  maybeSent: StoredMessage[];
  /** Lines that were neither a record nor the torn last line of a kill. */
  damaged: number;
}

type RecordLine =
  | { t: 'q'; s: number; n: string; r: Record<string, unknown>; m: Record<string, unknown> }
  | { t: 's'; s: number }
  | { t: 'u'; s: number }
  | { t: 'd'; s: number };

/** The folder of every account's log, inside the user folder. */
export function outboxDir(userDir: string): string {
  return join(userDir, 'blazwa-outbox');
}

/** The identities (file names) of the logs in the folder. */
export function storedIdentities(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => name.endsWith('.jsonl'))
      .map((name) => name.slice(0, -'.jsonl'.length));
  } catch {
    return [];
  }
}

/**
 * Reads a log's text. A kill can tear only the record being written, the last one; a line that does not parse in
 * the middle is counted and skipped, never a reason to lose the rest.
 */
export function readLog(text: string): Recovered {
  const queued = new Map<number, StoredMessage>();
  const started = new Set<number>();
  let damaged = 0;
  const lines = text.split('\n');
  // Whatever follows the last newline was being written when the process died.
  lines.pop();
  for (const line of lines) {
    if (line === '') continue;
    let record: RecordLine;
    try {
      record = JSON.parse(line) as RecordLine;
    } catch {
      damaged++;
      continue;
    }
    if (record.t === 'q') queued.set(record.s, { seq: record.s, nodeId: record.n, request: record.r, msg: record.m });
    else if (record.t === 's') started.add(record.s);
    else if (record.t === 'u') started.delete(record.s);
    else if (record.t === 'd') {
      queued.delete(record.s);
      started.delete(record.s);
    } else damaged++;
  }
  const waiting: StoredMessage[] = [];
  const maybeSent: StoredMessage[] = [];
  for (const message of [...queued.values()].sort((a, b) => a.seq - b.seq)) {
    (started.has(message.seq) ? maybeSent : waiting).push(message);
  }
  return { waiting, maybeSent, damaged };
}

/** The line of a queued message; the msg already serialized (see {@link jsonSafe}). */
function queuedLine(message: { seq: number; nodeId: string; request: object }, msgJson: string): string {
  return `{"t":"q","s":${message.seq},"n":${JSON.stringify(message.nodeId)},"r":${JSON.stringify(message.request)},"m":${msgJson}}\n`;
}

/**
 * One account's log file. Every record is one `write` of a whole line, synchronous, so it is in the kernel before the
 * next step: a kill of the process loses nothing written. The record that a message was handed to the service can
 * also be flushed to the disk before the send, so not even a power cut can make it go twice (the queue asks for it
 * when its pace leaves time: `FLUSH_MIN_INTERVAL_MS`).
 */
export class Outbox {
  readonly path: string;
  #fd: number;
  /** Records since the last compaction that no longer matter. */
  #dead = 0;

  private constructor(path: string, fd: number) {
    this.path = path;
    this.#fd = fd;
  }

  /**
   * Opens (creating the folder and file) the log of `identity`, reads what a previous process left, and rewrites the
   * file with only that, so a torn last line is gone before anything is appended behind it.
   */
  static open(dir: string, identity: string): { outbox: Outbox; recovered: Recovered } {
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `${identity}.jsonl`);
    let text = '';
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const recovered = readLog(text);
    const lines = [
      ...recovered.maybeSent.flatMap((m) => [queuedLine(m, JSON.stringify(m.msg)), `{"t":"s","s":${m.seq}}\n`]),
      ...recovered.waiting.map((m) => queuedLine(m, JSON.stringify(m.msg))),
    ];
    const fd = Outbox.#rewrite(path, lines.join(''));
    return { outbox: new Outbox(path, fd), recovered };
  }

  /** Writes `text` as the whole file, atomically (a temporary file renamed over it), and opens it for appending. */
  static #rewrite(path: string, text: string): number {
    const temporary = `${path}.tmp`;
    const fd = openSync(temporary, 'w');
    try {
      if (text !== '') writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
    return openSync(path, 'a');
  }

  queued(message: { seq: number; nodeId: string; request: object }, msgJson: string): void {
    writeSync(this.#fd, queuedLine(message, msgJson));
  }

  /**
   * Recorded before the message goes to the service, and with `flush` on the disk too: after a crash (with `flush`,
   * after a power cut too) it is reported, never resent.
   */
  started(seq: number, flush: boolean): Promise<void> {
    writeSync(this.#fd, `{"t":"s","s":${seq}}\n`);
    if (!flush) return Promise.resolve();
    return new Promise((resolve, reject) => fdatasync(this.#fd, (error) => (error ? reject(error) : resolve())));
  }

  /** The message was not handed over after all: it waits again. */
  unstarted(seq: number): void {
    writeSync(this.#fd, `{"t":"u","s":${seq}}\n`);
  }

  /** Sent, failed, reported or dropped: either way not to be sent or reported again. */
  done(seq: number): void {
    writeSync(this.#fd, `{"t":"d","s":${seq}}\n`);
    this.#dead += 2;
  }

  /** Records that no longer matter, since the last compaction. */
  get dead(): number {
    return this.#dead;
  }

  /**
   * Rewrites the log with only the messages still waiting (and the one under way), in order; with none, empties it.
   * Linear in what is left.
   */
  compact(live: Array<{ seq: number; nodeId: string; request: object; msgJson: string; started?: boolean }>): void {
    closeSync(this.#fd);
    const text = live.map((m) => queuedLine(m, m.msgJson) + (m.started ? `{"t":"s","s":${m.seq}}\n` : '')).join('');
    this.#fd = Outbox.#rewrite(this.path, text);
    this.#dead = 0;
  }

  /** Nothing left: the file is emptied in place (appends go on at its new end). */
  empty(): void {
    ftruncateSync(this.#fd, 0);
    this.#dead = 0;
  }

  close(): void {
    closeSync(this.#fd);
  }

  /** Closes and deletes the log: nothing of this account is waiting any more. */
  remove(): void {
    this.close();
    rmSync(this.path, { force: true });
  }
}

/**
 * The part of a msg that survives JSON: without `req` and `res` (an HTTP request and its answer, alive only in this
 * process) and without any property that does not serialize (a function, a cycle, a BigInt), each dropped alone.
 */
export function jsonSafe(msg: Record<string, unknown>): string {
  const { req: _req, res: _res, ...rest } = msg;
  try {
    return JSON.stringify(rest);
  } catch {
    const parts: string[] = [];
    for (const [key, value] of Object.entries(rest)) {
      try {
        const json = JSON.stringify(value);
        if (json !== undefined) parts.push(`${JSON.stringify(key)}:${json}`);
      } catch {
        // Left out: the help says what is not kept.
      }
    }
    return `{${parts.join(',')}}`;
  }
}
