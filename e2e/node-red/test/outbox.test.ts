// Issue 13 as a user meets it: the packed package in a real Node-RED process, 1,000 msgs queued for one account at a
// short interval, then a full deploy, a modified-nodes deploy of the send node, Ctrl-C and a restart, kill -9 and a
// restart, and the send node removed. Every msg is counted from the sandbox's outbox and Node-RED's log: sent exactly
// once (or reported "may have been sent"), or reported on the error path, or (removal) logged; 0 lost, 0 twice.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { startSandbox, type Sandbox } from '@blazwa/sandbox';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';

import { NodeRedInstance } from './helpers/instance.js';
import { progress } from './helpers/progress.js';
import { RELEASES, type Release } from './helpers/releases.js';

const COUNT = 1000;
const INTERVAL_MS = 10;
/** How far into the queue each disruption comes. */
const BEFORE = 100;

function flows(sandboxUrl: string, apiKey: string, options: { sendName?: string; withSend?: boolean } = {}): object[] {
  const withSend = options.withSend ?? true;
  return [
    { id: 'tab', type: 'tab', label: 'outbox' },
    {
      id: 'account',
      type: 'blazwa-config',
      name: 'Shop',
      server: 'custom',
      baseUrl: sandboxUrl,
      timeout: 10,
      minInterval: INTERVAL_MS / 1000,
      keepWaiting: true,
      credentials: { apiKey },
    },
    { id: 'fill', type: 'http in', z: 'tab', url: '/fill', method: 'post', wires: [['fan']] },
    {
      id: 'fan',
      type: 'function',
      z: 'tab',
      outputs: 2,
      func: `for (let i = 0; i < msg.payload.count; i++) node.send([null, { payload: msg.payload.prefix + i }]);\nreturn [msg, null];`,
      wires: [['answer'], withSend ? ['send'] : []],
    },
    { id: 'answer', type: 'http response', z: 'tab', statusCode: '200', wires: [] },
    ...(withSend
      ? [
          {
            id: 'send',
            type: 'blazwa-send',
            z: 'tab',
            name: options.sendName ?? '',
            account: 'account',
            target: 'number',
            phoneNumber: '081234567890',
            message: '',
            wires: [['sent']],
          },
        ]
      : []),
    { id: 'sent', type: 'function', z: 'tab', func: `node.log('E2E-SENT ' + msg.payload.body);\nreturn null;`, wires: [] },
    { id: 'catcher', type: 'catch', z: 'tab', scope: null, uncaught: false, wires: [['caught']] },
    {
      id: 'caught',
      type: 'function',
      z: 'tab',
      func: `node.log('E2E-CAUGHT ' + JSON.stringify({ payload: msg.payload, error: msg.error && msg.error.message }));\nreturn null;`,
      wires: [],
    },
  ];
}

interface Tally {
  queued: number;
  sent: number;
  out: number;
  caught: number;
  maybeSent: number;
  logged: number;
  twice: number;
  lost: number;
}

describe.each(RELEASES)('$title: 1,000 queued msgs through deploys, a stop, a crash and a removal', (release: Release) => {
  const packed = inject('packed');
  const apiKey = `sk-e2e-outbox-${randomBytes(12).toString('hex')}`;
  let sandbox: Sandbox;
  let nodeRed: NodeRedInstance;
  let config: object[];

  beforeAll(async () => {
    sandbox = await startSandbox({ paired: true, apiKeys: [apiKey] });
    nodeRed = await NodeRedInstance.create(release);
    nodeRed.installPackage(packed.tarball);
    await nodeRed.start();
    config = flows(sandbox.url, apiKey);
    await nodeRed.deploy(config);
  });

  afterAll(async () => {
    await nodeRed?.dispose();
    await sandbox?.close();
  });

  /** What the flow's log lines say after `marker`, for the msgs of one run (their payloads start with `prefix`). */
  const lines = (marker: string, prefix: string): string[] =>
    nodeRed.log
      .split('\n')
      .filter((line) => line.includes(marker))
      .map((line) => line.slice(line.indexOf(marker) + marker.length + 1))
      .filter((rest) => (rest.startsWith('{') ? String((JSON.parse(rest) as { payload: unknown }).payload) : rest).startsWith(prefix));

  async function fill(prefix: string): Promise<void> {
    const response = await fetch(`${nodeRed.url}/fill`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ count: COUNT, prefix }),
    });
    expect(response.status).toBe(200);
  }

  const inOutbox = (prefix: string) => sandbox.state.outbox.filter((entry) => entry.body.startsWith(prefix));

  async function until(what: string, probe: () => boolean, timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!probe()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${nodeRed.log.slice(-4000)}`);
      await sleep(100);
    }
  }

  /** Every msg of the run, by what became of it. */
  function tally(prefix: string, removedLogLines = 0): Tally {
    const bodies = inOutbox(prefix).map((entry) => entry.body);
    const out = new Set(lines('E2E-SENT', prefix));
    const caught = lines('E2E-CAUGHT', prefix).map((line) => JSON.parse(line) as { payload: string; error: string });
    const maybe = caught.filter((c) => c.error.includes('May have been sent'));
    const once = new Set(bodies);
    let lost = 0;
    for (let i = 0; i < COUNT; i++) {
      const body = `${prefix}${i}`;
      // Sent, with its output cut off by a kill before the next node ran, is not lost: the chat has it.
      if (!out.has(body) && !caught.some((c) => c.payload === body) && !once.has(body)) lost++;
    }
    return {
      queued: COUNT,
      sent: once.size,
      out: out.size,
      caught: caught.length,
      maybeSent: maybe.length,
      logged: removedLogLines,
      twice: bodies.length - once.size,
      lost: removedLogLines > 0 ? COUNT - once.size - removedLogLines : lost,
    };
  }

  function expectOrderAndPace(prefix: string): void {
    const entries = inOutbox(prefix);
    expect(entries.map((entry) => entry.body)).toEqual(entries.map((_, i) => `${prefix}${i}`));
    // Arrivals on the sandbox's clock: ten intervals in a row take at least ten intervals, less one late arrival.
    for (let i = 10; i < entries.length; i++) expect(entries[i]!.at - entries[i - 10]!.at).toBeGreaterThanOrEqual(10 * INTERVAL_MS - 50);
  }

  function print(what: string, counts: Tally, started: number, prefix?: string): void {
    const reasons = prefix ? [...new Set(lines('E2E-CAUGHT', prefix).map((line) => (JSON.parse(line) as { error: string }).error))] : [];
    progress(
      `${release.title}: ${what}: ${JSON.stringify(counts)} in ${((Date.now() - started) / 1000).toFixed(1)} s` +
        (reasons.length > 0 ? `; caught: ${reasons.join(' | ')}` : ''),
    );
  }

  async function allAccounted(prefix: string): Promise<Tally> {
    await until(`all ${COUNT} msgs of ${prefix} accounted for`, () => {
      const t = tally(prefix);
      return t.lost === 0 && t.out + t.caught >= COUNT - 1 && t.sent + t.caught >= COUNT;
    });
    // Anything late (a second send, a second report) would show within a few intervals.
    await sleep(500);
    return tally(prefix);
  }

  test('a full deploy mid-queue sends every msg once, in order, at the pace', async () => {
    const started = Date.now();
    await fill('a');
    await until('the first sends', () => inOutbox('a').length >= BEFORE);
    await nodeRed.deploy(config);
    const counts = await allAccounted('a');
    print('full deploy', counts, started, 'a');
    expect(counts).toMatchObject({ sent: COUNT, out: COUNT, caught: 0, twice: 0, lost: 0 });
    expectOrderAndPace('a');
  });

  test('a modified-nodes deploy of the send node: the same', async () => {
    const started = Date.now();
    await fill('b');
    await until('the first sends', () => inOutbox('b').length >= BEFORE);
    const before = nodeRed.startedFlows();
    const response = await nodeRed.admin('POST', '/flows', flows(sandbox.url, apiKey, { sendName: 'renamed' }), {
      'node-red-deployment-type': 'nodes',
    });
    expect([200, 204]).toContain(response.status);
    await until(
      'the modified nodes to start',
      () => nodeRed.log.split('\n').filter((line) => line.includes('Started modified nodes')).length > 0 || nodeRed.startedFlows() > before,
    );
    const counts = await allAccounted('b');
    print('modified-nodes deploy', counts, started, 'b');
    expect(counts).toMatchObject({ sent: COUNT, out: COUNT, caught: 0, twice: 0, lost: 0 });
    expectOrderAndPace('b');
  });

  for (const signal of ['SIGINT', 'SIGKILL'] as const) {
    test(`${signal} and a restart: the waiting msgs go out after the restart, one under way is reported, none twice`, async () => {
      const started = Date.now();
      await fill(signal);
      await until('the first sends', () => inOutbox(signal).length >= BEFORE);
      if (signal === 'SIGINT') {
        // A slow server: the next send is processed, and its answer comes 30 s late, past nodeCloseTimeout.
        sandbox.fault({ delayMs: 30_000, operations: ['message'] });
        const now = inOutbox(signal).length;
        await until('the slow send to reach the server', () => inOutbox(signal).length > now);
      }
      const stopped = await nodeRed.signal(signal);
      const sentBefore = inOutbox(signal).length;
      if (signal === 'SIGINT') {
        // Quick: well within nodeCloseTimeout (15 s), and no node timed out closing.
        expect(stopped.ms).toBeLessThan(15_000);
        expect(nodeRed.log).not.toContain('Close timed out');
      }
      await nodeRed.start();
      const counts = await allAccounted(signal);
      print(`${signal} + restart (stopped in ${stopped.ms} ms, ${sentBefore} sent before)`, counts, started, signal);
      expect(counts.twice).toBe(0);
      expect(counts.lost).toBe(0);
      expect(counts.sent).toBeGreaterThanOrEqual(COUNT - 1);
      // Each msg ends once: out of the send node, or reported; only one handed over at the stop can be "may have been sent".
      // A kill can also come between a send's answer and the next node's log line (the chat has that one).
      expect(counts.out + counts.caught).toBeGreaterThanOrEqual(signal === 'SIGKILL' ? COUNT - 1 : COUNT);
      expect(counts.out + counts.caught).toBeLessThanOrEqual(COUNT);
      expect(counts.caught).toBe(counts.maybeSent);
      expect(counts.maybeSent).toBeLessThanOrEqual(1);
      // The send under way on the slow server was handed over: reported, not sent again.
      if (signal === 'SIGINT') expect(counts).toMatchObject({ sent: COUNT, maybeSent: 1 });
      expectOrderAndPace(signal);
    });
  }

  test('the API key is in no outbox file and no log line', () => {
    const dir = join(nodeRed.userDir, 'blazwa-outbox');
    const files = readdirSync(dir);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(readFileSync(join(dir, file), 'utf8')).not.toContain(apiKey);
    expect(nodeRed.log).not.toContain(apiKey);
  });

  test('the send node removed: every waiting msg is logged with its _msgid, none sent after', async () => {
    const started = Date.now();
    await fill('e');
    await until('the first sends', () => inOutbox('e').length >= BEFORE);
    await nodeRed.deploy(flows(sandbox.url, apiKey, { withSend: false }));
    await sleep(1000);
    const logged = nodeRed.log.split('\n').filter((line) => line.includes('[blazwa-send:send] msg ') && line.includes('Not sent'));
    const counts = tally('e', logged.length);
    print('send node removed', counts, started);
    expect(counts.twice).toBe(0);
    expect(counts.lost).toBe(0);
    expect(counts.sent + logged.length).toBe(COUNT);
    // Each line names the msg by its _msgid (here the fill request's: a function node gives its msgs its own).
    for (const line of logged) expect(line).toMatch(/msg \S+: Not sent: the send node was removed/);
    expectOrderAndPace('e');
  });
});
