// Deploys in a real embedded Node-RED while an account's queue is full: a full deploy, a modified-nodes deploy of the
// send node, the send node removed, its account changed, and two config nodes of one account. Every msg is counted:
// sent once, or reported (Catch, log line with its _msgid), never lost, never twice; the pace holds across deploys.
import { startSandbox, type Sandbox } from '@blazwa/sandbox';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { startNodeRed, type Embedded } from './embedded.js';
import { until } from './support.js';

const INTERVAL_S = 0.02;
const COUNT = 200;

let sandbox: Sandbox;
let nodeRed: Embedded;
/** Every msg a send node or the catch node sent, with the node instance it left. */
let out: Array<{ from: 'send' | 'catch'; instance: object; msg: Record<string, any> }>;

// One Node-RED for the file (Node-RED 3.1 cannot be started twice in a process); a sandbox and flows per test.
beforeAll(async () => {
  nodeRed = await startNodeRed();
});

afterAll(async () => {
  await nodeRed?.stop();
});

beforeEach(async () => {
  sandbox = await startSandbox({ paired: true, apiKeys: ['key-one', 'key-two'] });
  out = [];
  nodeRed.RED.hooks.add('onSend.redeploy-test', (events: Array<{ source: { node: { type: string } }; msg: Record<string, any> }>) => {
    for (const event of events) {
      const type = event.source.node.type;
      if (type === 'blazwa-send' || type === 'catch')
        out.push({ from: type === 'catch' ? 'catch' : 'send', instance: event.source.node, msg: event.msg });
    }
  });
});

afterEach(async () => {
  nodeRed.RED.hooks.remove('onSend.redeploy-test');
  await nodeRed.deploy([]);
  await sandbox.close();
});

function flows(options: { send?: Record<string, unknown> | false; configs?: Array<Record<string, unknown>> } = {}): object[] {
  const configs = options.configs ?? [{ id: 'account', credentials: { apiKey: 'key-one' } }];
  return [
    { id: 'tab', type: 'tab', label: 'redeploy' },
    ...configs.map((config) => ({ type: 'blazwa-config', server: 'custom', baseUrl: sandbox.url, timeout: 5, minInterval: INTERVAL_S, ...config })),
    ...(options.send === false
      ? []
      : [
          {
            id: 'send',
            type: 'blazwa-send',
            z: 'tab',
            account: 'account',
            target: 'number',
            phoneNumber: '081234567890',
            message: '',
            wires: [['end']],
            ...options.send,
          },
        ]),
    { id: 'catcher', type: 'catch', z: 'tab', scope: null, uncaught: false, wires: [['end']] },
    { id: 'end', type: 'debug', z: 'tab', active: false, wires: [] },
  ];
}

/** The editor's deploy of the given type, until the runtime has started the flows again. */
async function deploy(config: object[], type: 'full' | 'nodes' = 'full'): Promise<void> {
  const started = (): number => nodeRed.logs.filter((line) => /^Started (flows|modified)/.test(line)).length;
  const before = started();
  const response = await fetch(`${nodeRed.url}/admin/flows`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'node-red-deployment-type': type },
    body: JSON.stringify(config),
  });
  if (response.status >= 300) throw new Error(`deploy: ${response.status} ${await response.text()}`);
  await until(() => started() > before, 'the flows to start');
}

function queueMessages(count: number, nodeId = 'send', prefix = 'm'): void {
  const node = nodeRed.RED.nodes.getNode(nodeId);
  for (let i = 0; i < count; i++) node.receive({ payload: `${prefix}${i}` });
}

const bodies = (): string[] => sandbox.state.outbox.map((entry) => entry.body);

/** Each body at most once, in the order queued, at the account's pace. */
function expectSentOnceInOrder(prefix = 'm'): void {
  const sent = bodies().filter((body) => body.startsWith(prefix));
  expect(new Set(sent).size).toBe(sent.length);
  expect(sent).toEqual(sent.map((_, i) => `${prefix}${i}`));
  expectPace();
}

/**
 * The pace, from arrival times on the sandbox's clock. The pacer spaces the starts; an arrival is late by whatever
 * the shared event loop was busy with (a deploy), which brings it closer to the next. So any ten intervals in a row
 * last at least ten intervals less one late arrival (50 ms): a pace of half the interval would fail it.
 */
function expectPace(): void {
  const at = sandbox.state.outbox.map((entry) => entry.at);
  const interval = INTERVAL_S * 1000;
  for (let i = 10; i < at.length; i++) expect(at[i]! - at[i - 10]!).toBeGreaterThanOrEqual(10 * interval - 50);
  expect(at.at(-1)! - at[0]!).toBeGreaterThanOrEqual((at.length - 1) * interval - 50);
}

function report(what: string, counts: Record<string, number>): void {
  console.log(
    `[redeploy] ${what}: ${Object.entries(counts)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
}

it('a full deploy mid-queue: every waiting msg is sent once, in order, at the pace, out of the new node', async () => {
  await nodeRed.deploy(flows());
  const first = nodeRed.RED.nodes.getNode('send');
  queueMessages(COUNT);
  await until(() => sandbox.state.outbox.length >= 40, '40 sends');
  // The next send is slow: it is under way while the deploy stops and starts the node.
  sandbox.fault({ delayMs: 400, operations: ['message'] });
  const slow = sandbox.state.outbox.length;
  await until(() => sandbox.state.outbox.length > slow, 'the slow send to reach the server');
  await deploy(flows());
  await until(() => out.length >= COUNT, 'every msg out');
  await new Promise((resolve) => setTimeout(resolve, 100));
  const second = nodeRed.RED.nodes.getNode('send');
  expect(second).not.toBe(first);
  expectSentOnceInOrder();
  expect(out.filter((o) => o.from === 'catch')).toHaveLength(0);
  expect(out.map((o) => o.msg.payload.body)).toEqual(bodies());
  // The send under way during the deploy answered through the new instance.
  const underWay = out.find((o) => o.msg.payload.body === `m${slow}`)!;
  expect(underWay.instance).toBe(second);
  const byNew = out.filter((o) => o.instance === second).length;
  report('full deploy', {
    queued: COUNT,
    sent: bodies().length,
    'out of the old node': COUNT - byNew,
    'out of the new node': byNew,
    caught: 0,
    lost: COUNT - out.length,
  });
});

it('a modified-nodes deploy of the send node: the same', async () => {
  await nodeRed.deploy(flows());
  queueMessages(COUNT);
  await until(() => sandbox.state.outbox.length >= 40, '40 sends');
  await deploy(flows({ send: { name: 'renamed' } }), 'nodes');
  await until(() => out.length >= COUNT, 'every msg out');
  expectSentOnceInOrder();
  expect(out.filter((o) => o.from === 'catch')).toHaveLength(0);
  expect(out.map((o) => o.msg.payload.body)).toEqual(bodies());
  report('modified-nodes deploy', { queued: COUNT, sent: bodies().length, caught: 0, lost: COUNT - out.length });
});

it('the send node removed: each waiting msg is logged with its _msgid, none is sent after', async () => {
  await nodeRed.deploy(flows());
  queueMessages(COUNT);
  await until(() => sandbox.state.outbox.length >= 40, '40 sends');
  await deploy(flows({ send: false }));
  await new Promise((resolve) => setTimeout(resolve, 200));
  const sent = bodies().length;
  const ids = new Set(out.filter((o) => o.from === 'send').map((o) => o.msg._msgid));
  const logged = nodeRed.logs.filter((line) => line.includes('[blazwa-send:send]') && line.includes('Not sent: the send node was removed'));
  expect(sent + logged.length).toBe(COUNT);
  // A msg sent is not also logged as not sent.
  for (const line of logged) expect(ids.has(/msg (\S+):/.exec(line)![1])).toBe(false);
  expectSentOnceInOrder();
  report('send node removed', { queued: COUNT, sent, 'logged as not sent': logged.length, lost: COUNT - sent - logged.length });
});

it("the send node's account changed: each waiting msg reaches the node's Catch as not sent, and the log", async () => {
  const configs = [
    { id: 'account', credentials: { apiKey: 'key-one' } },
    { id: 'other', credentials: { apiKey: 'key-two' } },
  ];
  await nodeRed.deploy(flows({ configs }));
  queueMessages(COUNT);
  await until(() => sandbox.state.outbox.length >= 40, '40 sends');
  await deploy(flows({ configs, send: { account: 'other' } }));
  await until(() => out.length >= COUNT, 'every msg out or caught');
  const caught = out.filter((o) => o.from === 'catch');
  const sent = bodies().length;
  expect(sent + caught.length).toBe(COUNT);
  for (const o of caught) expect(o.msg.error.message).toContain('now uses another account');
  const logged = nodeRed.logs.filter((line) => line.includes('[blazwa-send:send]') && line.includes('another account'));
  expect(logged).toHaveLength(caught.length);
  expectSentOnceInOrder();
  report('account changed', { queued: COUNT, sent, caught: caught.length, lost: COUNT - sent - caught.length });
});

it('two config nodes with the same server and key share one pace', async () => {
  const configs = [
    { id: 'account', credentials: { apiKey: 'key-one' } },
    { id: 'twin', credentials: { apiKey: 'key-one' } },
  ];
  const config = flows({ configs });
  config.push({
    id: 'send2',
    type: 'blazwa-send',
    z: 'tab',
    account: 'twin',
    target: 'number',
    phoneNumber: '081234567890',
    message: '',
    wires: [['end']],
  });
  await nodeRed.deploy(config);
  queueMessages(20, 'send', 'a');
  queueMessages(20, 'send2', 'b');
  await until(() => out.length >= 40, 'every msg out');
  expectPace();
  expect(bodies()).toEqual([...Array.from({ length: 20 }, (_, i) => `a${i}`), ...Array.from({ length: 20 }, (_, i) => `b${i}`)]);
});
