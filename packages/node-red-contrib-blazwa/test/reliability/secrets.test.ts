// A busy day in a real Node-RED with two accounts, one with a good key and one with a rejected key: sends through
// every fault, rejected sends, group sends, status/QR/number checks, the "Connect WhatsApp" admin endpoints, inbound
// messages and bad deliveries, registering and removing the webhook. Neither key may show up in any log line, node
// status, msg (every msg any node receives, caught errors included), done() error, admin answer, the exported flow,
// the credentials the editor reads, the flow files on disk, or anything the test process prints.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSandbox, type FaultSpec, type Sandbox } from '@blazwa/sandbox';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startNodeRed, type Embedded } from '../embedded.js';
import { until } from '../support.js';
import { API_KEY, LeakWatch, report, seededRandom, shuffled, trapProcessErrors, watchOutput } from './harness.js';

const WRONG_KEY = `sk-reliability-rejected-${randomBytes(12).toString('hex')}`;
/** The trigger's path token: random, as the editor makes one. */
const HOOK_TOKEN = randomBytes(16).toString('hex');
const SENDS = 200;
const FAULTS: FaultSpec[] = [
  ...Array<FaultSpec>(20).fill({ status: 500 }),
  ...Array<FaultSpec>(20).fill({ status: 504 }),
  ...Array<FaultSpec>(20).fill({ status: 429, retryAfterSeconds: 3 }),
  ...Array<FaultSpec>(15).fill({ drop: true }),
  ...Array<FaultSpec>(15).fill({ dropAfterProcessing: true }),
  // A timeout costs the 1 s client timeout.
  ...Array<FaultSpec>(3).fill({ delayMs: 2500 }),
];

const watch = new LeakWatch(API_KEY, WRONG_KEY);
const trap = trapProcessErrors();
let restoreOutput: () => void;
let sandbox: Sandbox;
let nodeRed: Embedded;
const seen = { msgs: 0, errors: 0, rejected: 0, admin: 0 };
const completed = new Map<string, number>();

beforeAll(async () => {
  restoreOutput = watchOutput(watch);
  sandbox = await startSandbox({ paired: true, apiKeys: [API_KEY] });
  nodeRed = await startNodeRed();
  nodeRed.RED.hooks.add('onReceive.reliability', (event: { msg: unknown; destination: { id: string } }) => {
    seen.msgs++;
    watch.scan(`a msg into ${event.destination.id}`, event.msg);
  });
  nodeRed.RED.hooks.add('onComplete.reliability', (event: { msg: unknown; error?: unknown; node: { id: string } }) => {
    completed.set(event.node.id, (completed.get(event.node.id) ?? 0) + 1);
    if (event.error !== undefined) seen.errors++;
    if (event.error instanceof Error && event.error.message.includes('API key rejected (401)')) seen.rejected++;
    watch.scan(`done() of ${event.node.id}`, [event.msg, event.error]);
  });
});

afterAll(async () => {
  nodeRed.RED.hooks.remove('onReceive.reliability');
  nodeRed.RED.hooks.remove('onComplete.reliability');
  await nodeRed.stop();
  await sandbox.close();
  restoreOutput();
  trap.release();
  expect(watch.found, 'places a key showed up').toEqual([]);
  expect(trap.seen).toEqual([]);
});

const account = (id: string, apiKey: string) => ({
  id,
  type: 'blazwa-config',
  name: `Account ${id.slice(-1)}`,
  server: 'custom',
  baseUrl: sandbox.url,
  timeout: 1,
  minInterval: 0,
  publicBaseUrl: nodeRed.url,
  credentials: { apiKey },
});

function flow(withTrigger: boolean): object[] {
  const tab = { z: 'tab1' };
  // No Catch node on the second tab: its errors go to the log instead.
  const uncaught = { z: 'tab2' };
  return [
    { id: 'tab1', type: 'tab', label: 'WhatsApp' },
    { id: 'tab2', type: 'tab', label: 'Uncaught' },
    account('acc1', API_KEY),
    account('acc2', WRONG_KEY),
    ...(withTrigger
      ? [{ id: 'trig1', type: 'blazwa-trigger', ...tab, path: `/blazwa/${HOOK_TOKEN}`, account: 'acc1', register: true, wires: [['sink']] }]
      : []),
    { id: 'send1', type: 'blazwa-send', ...tab, account: 'acc1', target: 'number', wires: [['sink']] },
    { id: 'send2', type: 'blazwa-send', ...uncaught, account: 'acc2', target: 'number', wires: [['sink']] },
    { id: 'group1', type: 'blazwa-send', ...tab, account: 'acc1', target: 'group', wires: [['sink']] },
    { id: 'state1', type: 'blazwa-status', ...tab, account: 'acc1', action: 'status', watch: true, interval: 10, wires: [['sink']] },
    { id: 'state2', type: 'blazwa-status', ...tab, account: 'acc2', action: 'status', watch: true, interval: 10, wires: [['sink']] },
    { id: 'qr1', type: 'blazwa-status', ...tab, account: 'acc1', action: 'qr', wires: [['sink']] },
    { id: 'check2', type: 'blazwa-status', ...uncaught, account: 'acc2', action: 'check-number', wires: [] },
    { id: 'catch1', type: 'catch', ...tab, scope: null, uncaught: false, wires: [['sink']] },
    { id: 'sink', type: 'debug', ...tab, active: true, console: false, complete: 'true', wires: [] },
  ];
}

const input = (id: string, msg: Record<string, unknown>): void => nodeRed.RED.nodes.getNode(id).receive(msg);
const count = (id: string): number => completed.get(id) ?? 0;

it('neither the good nor the rejected API key shows up anywhere, whatever happens', async () => {
  await nodeRed.deploy(flow(true));
  const hook = `${nodeRed.url}/hooks/blazwa/${HOOK_TOKEN}`;
  await until(() => sandbox.state.webhook === hook, 'the registered webhook', 60_000);

  // Sends through every kind of fault, in a seeded order; then rejected, group and status work.
  const faults = shuffled([...FAULTS, ...Array<FaultSpec>(SENDS - FAULTS.length).fill({ delayMs: 0 })], seededRandom(3));
  for (const fault of faults) sandbox.fault({ ...fault, operations: ['message'] });
  for (let i = 0; i < SENDS; i++) input('send1', { phoneNumber: '0812-3456-7890', payload: `secrets ${i}` });
  for (let i = 0; i < 20; i++) input('send2', { phoneNumber: '0812-3456-7890', payload: `rejected ${i}` });
  for (let i = 0; i < 20; i++) input('group1', { groupName: i % 2 ? 'Staff' : 'Nope', payload: `group ${i}` });
  for (const id of ['state1', 'state2', 'qr1']) for (let i = 0; i < 5; i++) input(id, {});
  for (let i = 0; i < 5; i++) input('check2', { payload: '0812-3456-7890' });
  await until(() => count('send1') === SENDS && count('send2') === 20 && count('group1') === 20, 'every send to end', 120_000);
  await until(() => ['state1', 'state2', 'qr1', 'check2'].every((id) => count(id) === 5), 'every status action to end');

  // The "Connect WhatsApp" admin endpoints, for both accounts.
  for (const id of ['acc1', 'acc2']) {
    for (const [method, path] of [
      ['GET', 'status'],
      ['POST', 'login-qr'],
    ] as const) {
      const response = await fetch(`${nodeRed.url}/admin/blazwa-config/${id}/${path}`, { method });
      seen.admin++;
      watch.scan(`${method} /admin/blazwa-config/${id}/${path}`, await response.text());
    }
  }
  // And the dialog's own settings: the saved keys, and both keys typed (a sandbox that answers the wrong one with 401).
  for (const [id, apiKey] of [
    ['acc1', '__PWRD__'],
    ['acc2', '__PWRD__'],
    ['', API_KEY],
    ['', WRONG_KEY],
  ] as const) {
    const response = await fetch(`${nodeRed.url}/admin/blazwa-config/connect`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id, server: 'custom', baseUrl: sandbox.url, apiKey, timeout: 5 }),
    });
    seen.admin++;
    watch.scan(`POST /admin/blazwa-config/connect (${id || 'typed key'})`, await response.text());
  }

  // Inbound messages through the registered webhook, and a few bad deliveries.
  for (let i = 0; i < 50; i++) expect((await sandbox.inject({ from: '0812-3456-7890', message: `inbound ${i}` })).status).toBe(200);
  for (const body of ['{"message":', '{}', 'from=abc']) await fetch(hook, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  await until(() => nodeRed.sent.filter((entry) => entry.type === 'blazwa-trigger').length === 50, 'the inbound msgs');

  // Deleting the trigger resets the webhook with the account's key.
  await nodeRed.deploy(flow(false));
  await until(() => sandbox.state.webhook === null, 'the webhook reset');

  const logged401 = nodeRed.logs.filter((line) => line.includes('API key rejected (401)')).length;
  // The trigger's path is a secret too, but it belongs in the flow and the webhook: only the log and statuses are its leaks.
  const pathLeaks = [...nodeRed.logs, ...nodeRed.statuses.map((event) => JSON.stringify(event))].filter((line) => line.includes(HOOK_TOKEN));
  const exported = await nodeRed.adminGet('/flows');
  expect(exported).toContain('"blazwa-config"');
  const credentials = await Promise.all(['acc1', 'acc2'].map((id) => nodeRed.adminGet(`/credentials/blazwa-config/${id}`)));
  for (const answer of credentials) expect(answer).toContain('"has_apiKey":true');
  const files = ['flows.json', 'flows_cred.json'].map((name) => readFileSync(join(nodeRed.userDir, name), 'utf8'));
  expect(files[0]).toContain('"blazwa-config"');
  watch.scan('Node-RED log', nodeRed.logs);
  watch.scan('node statuses', nodeRed.statuses);
  watch.scan('msgs sent by blazwa nodes', nodeRed.sent);
  watch.scan('GET /flows', exported);
  watch.scan('GET /credentials', credentials);
  watch.scan('flow files', files);
  watch.scan('sandbox request log', sandbox.state.requests);

  report(
    `secrets: 2 keys (good, rejected) never found in ${nodeRed.logs.length} log lines, ${nodeRed.statuses.length} statuses, ` +
      `${seen.msgs} msgs into nodes, ${seen.errors} done() errors (${seen.rejected} of them 401s, ${logged401} in the log), ${seen.admin} admin answers, ` +
      `the exported flow, the credentials read, the flow files and the test's output (${watch.scanned} things scanned): found ${watch.found.length}; ` +
      `the trigger's path in the log and statuses: ${pathLeaks.length}`,
  );
  expect(pathLeaks).toEqual([]);
  // The keys were at work: sends went out with the good one, and the rejected one was refused.
  expect(sandbox.state.outbox.length).toBeGreaterThan(100);
  expect(seen.rejected).toBeGreaterThanOrEqual(30);
  expect(logged401).toBeGreaterThanOrEqual(25);
  expect(watch.found).toEqual([]);
}, 180_000);
