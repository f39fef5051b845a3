// The outbox file on its own: what a msg keeps, what a torn or damaged log reads back as, and that the key is never
// written. (Kills at random moments: e2e/node-red/test/outbox-kill.test.ts; restarts of real Node-RED: outbox.test.ts.)
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
// The source itself: it imports only Node's modules, and the send node's bundle holds it.
import { jsonSafe, Outbox, readLog } from '../src/lib/outbox.js';
import { accountIdentity } from '../src/lib/queues.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'blazwa-outbox-'));
  dirs.push(dir);
  return dir;
}

it('keeps the JSON part of a msg: no req/res, each property that does not serialize left out alone', () => {
  const cyclic: Record<string, unknown> = { name: 'loop' };
  cyclic.self = cyclic;
  const msg = {
    _msgid: 'a1',
    payload: 'Halo',
    req: { socket: 1 },
    res: { end() {} },
    topic: 't',
    cyclic,
    big: 1n,
    fn: () => 1,
    nested: { ok: [1, 2] },
  };
  expect(JSON.parse(jsonSafe(msg))).toEqual({ _msgid: 'a1', payload: 'Halo', topic: 't', nested: { ok: [1, 2] } });
  expect(JSON.parse(jsonSafe({ _msgid: 'b', payload: Buffer.from('hi') }))).toEqual({ _msgid: 'b', payload: { type: 'Buffer', data: [104, 105] } });
});

it('reads a log back: waiting in order, handed over as "may have been sent", done gone, a torn last line ignored', () => {
  const q = (seq: number) => JSON.stringify({ t: 'q', s: seq, n: 'send', r: { message: `m${seq}` }, m: { _msgid: `id${seq}` } });
  // 6 was about to go when flows stopped: started, then unstarted, so it waits again.
  const text =
    [q(1), q(2), q(3), '{"t":"s","s":1}', '{"t":"d","s":1}', '{"t":"s","s":2}', q(4), q(6), '{"t":"s","s":6}', '{"t":"u","s":6}'].join('\n') +
    '\n' +
    q(5).slice(0, 20);
  const log = readLog(text);
  expect(log.waiting.map((m) => m.seq)).toEqual([3, 4, 6]);
  expect(log.maybeSent.map((m) => m.seq)).toEqual([2]);
  expect(log.damaged).toBe(0);
  expect(readLog(`${q(1)}\nnot json\n${q(2)}\n`)).toMatchObject({ damaged: 1, waiting: [{ seq: 1 }, { seq: 2 }] });
});

it('opening rewrites the log without its torn tail, so the next record is not glued to it', () => {
  const dir = tempDir();
  const first = Outbox.open(dir, 'acct').outbox;
  first.queued({ seq: 1, nodeId: 'send', request: { message: 'one' } }, '{"_msgid":"x"}');
  first.close();
  writeFileSync(join(dir, 'acct.jsonl'), readFileSync(join(dir, 'acct.jsonl'), 'utf8') + '{"t":"q","s":2,"n":"se');
  const { outbox, recovered } = Outbox.open(dir, 'acct');
  expect(recovered.waiting.map((m) => m.seq)).toEqual([1]);
  outbox.queued({ seq: 2, nodeId: 'send', request: { message: 'two' } }, '{}');
  outbox.close();
  expect(readLog(readFileSync(join(dir, 'acct.jsonl'), 'utf8'))).toMatchObject({ damaged: 0, waiting: [{ seq: 1 }, { seq: 2 }] });
});

it('names the file by a hash of the account, never the key; two spellings of one account are one identity', () => {
  const key = 'sk-live-very-secret-key';
  const identity = accountIdentity({ server: 'custom', baseUrl: 'http://127.0.0.1:8080', apiKey: key });
  expect(identity).toMatch(/^[0-9a-f]{32}$/);
  expect(identity).not.toContain(key);
  expect(accountIdentity({ server: 'custom', baseUrl: ' http://127.0.0.1:8080 ', apiKey: ` ${key}` })).toBe(identity);
  expect(accountIdentity({ server: 'custom', baseUrl: 'http://127.0.0.1:8080', apiKey: 'another' })).not.toBe(identity);
});
