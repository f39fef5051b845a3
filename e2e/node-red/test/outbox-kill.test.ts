// The durable outbox against kill -9 at random moments, hundreds of times: a child process works the log as the send
// node's queue does and prints each step once written; after each kill the log must read back whole, with every
// acknowledged step in it, nothing that was handed to the service waiting again, and nothing twice.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, expect, test } from 'vitest';

import { readLog } from '../../../packages/node-red-contrib-blazwa/src/lib/outbox.ts';
import { progress } from './helpers/progress.js';

const ROUNDS = 300;
const WRITER = join(import.meta.dirname, 'helpers', 'outbox-writer.ts');
const dir = mkdtempSync(join(tmpdir(), 'blazwa-outbox-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the writer until `killAfterMs` after it is ready, kills it with SIGKILL, and returns what it acknowledged. */
async function round(seed: number, killAfterMs: number, from: number): Promise<string[]> {
  const child = spawn(process.execPath, ['--no-warnings', WRITER, dir, 'account', String(seed), String(from)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const ready = !out.includes('READY\n') && (out + chunk).includes('READY\n');
    out += chunk;
    if (ready) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const { code, signal } = await new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    // 'close', not 'exit': only then has every line the child wrote been read.
    child.once('close', (c, s) => resolve({ code: c, signal: s })),
  );
  if (signal !== 'SIGKILL') throw new Error(`the writer ended by itself (${code}): ${err}`);
  // Only whole lines were acknowledged; a line cut by the kill was not.
  return out.split('\n').slice(0, -1);
}

test(`${ROUNDS} kill -9 at random moments: the outbox is never corrupt, nothing is lost, nothing goes twice`, async () => {
  const started = Date.now();
  let seed = 20261201;
  const rand = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 4294967296;
  };
  const queued = new Set<number>();
  const handedOver = new Set<number>();
  const finished = new Set<number>();
  let handedTwice = 0;
  let steps = 0;
  let torn = 0;
  for (let i = 0; i < ROUNDS; i++) {
    for (const line of await round(Math.floor(rand() * 2 ** 31), Math.floor(rand() * 25), i * 1_000_000 + 1)) {
      const [kind, seqText] = line.split(' ');
      const seq = Number(seqText);
      steps++;
      if (kind === 'Q') queued.add(seq);
      else if (kind === 'S') {
        if (handedOver.has(seq)) handedTwice++;
        handedOver.add(seq);
      } else if (kind === 'D') finished.add(seq);
    }
    const text = readFileSync(join(dir, 'account.jsonl'), 'utf8');
    if (text !== '' && !text.endsWith('\n')) torn++;
    const log = readLog(text);
    expect(log.damaged).toBe(0);
    const waiting = log.waiting.map((m) => m.seq);
    const maybeSent = log.maybeSent.map((m) => m.seq);
    const stored = new Set([...waiting, ...maybeSent]);
    // Nothing twice in the log, and waiting in the order queued.
    expect(stored.size).toBe(waiting.length + maybeSent.length);
    expect(waiting).toEqual([...waiting].sort((a, b) => a - b));
    // Queued and not handed over: still in the log. (One handed over may be done in the log before its ack was printed.)
    for (const seq of queued) if (!finished.has(seq) && !handedOver.has(seq)) expect(stored.has(seq), `queued ${seq} is in the log`).toBe(true);
    // Handed to the service and not finished: reported after a restart, never waiting to be sent again.
    for (const seq of handedOver) if (!finished.has(seq)) expect(waiting.includes(seq), `handed-over ${seq} is not waiting`).toBe(false);
    for (const seq of finished) expect(stored.has(seq), `finished ${seq} is gone`).toBe(false);
    for (const m of log.waiting) expect(m.msg._msgid).toBe(`id-${m.seq}`);
  }
  expect(handedTwice).toBe(0);
  progress(
    `outbox kill test: ${ROUNDS} kills, ${steps} acknowledged steps, ${queued.size} msgs queued, ${handedOver.size} handed over, ` +
      `handed over twice 0, corrupt logs 0, kills that tore a record ${torn}, in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}, 300_000);
