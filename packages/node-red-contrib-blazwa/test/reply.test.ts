// Replying from a WA receive node, the echo trap, and what a Catch flow can act on, in a real Node-RED: the user's
// deliveries come through the sandbox's webhook, every message is counted in the sandbox's outbox.
import { readFileSync } from 'node:fs';
import { startSandbox, type Sandbox } from '@blazwa/sandbox';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startNodeRed, type Embedded } from './embedded.js';
import { until } from './support.js';

let nodeRed: Embedded;
let sandbox: Sandbox;
/** Every msg each node received, by node id. */
const inbox = new Map<string, Array<Record<string, any>>>();
const PATH = '/blazwa/5e8a0c2f4b6d1e3a7c9f';

beforeAll(async () => {
  nodeRed = await startNodeRed();
  nodeRed.RED.hooks.add('onReceive.blazwa-reply-test', (event: { destination: { id: string }; msg: Record<string, any> }) => {
    const list = inbox.get(event.destination.id) ?? [];
    list.push(JSON.parse(JSON.stringify(event.msg)));
    inbox.set(event.destination.id, list);
  });
}, 60_000);

afterAll(async () => {
  nodeRed?.RED.hooks.remove('onReceive.blazwa-reply-test');
  await nodeRed?.stop();
});

beforeEach(async () => {
  sandbox = await startSandbox({ paired: true, groups: ['Staff'] });
});

afterEach(async () => {
  await nodeRed.deploy([]);
  await sandbox.close();
  inbox.clear();
});

const got = (id: string): Array<Record<string, any>> => inbox.get(id) ?? [];

function config(patch: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'acc1',
    type: 'blazwa-config',
    name: 'Toko',
    server: 'custom',
    baseUrl: sandbox.url,
    timeout: 5,
    minInterval: 0,
    publicBaseUrl: nodeRed.url,
    credentials: { apiKey: sandbox.apiKey },
    ...patch,
  };
}

/** A registered trigger wired to `targets`, each send node's output and Catch going to sinks named after it. */
function replyFlow(sends: Array<Record<string, unknown>>, extra: object[] = [], configPatch: Record<string, unknown> = {}): object[] {
  const nodes: object[] = [
    { id: 'tab1', type: 'tab', label: 'WhatsApp' },
    config(configPatch),
    {
      id: 'trig1',
      type: 'blazwa-trigger',
      z: 'tab1',
      path: PATH,
      account: 'acc1',
      register: true,
      allowFrom: '',
      wires: [sends.map((send) => send.wiredFrom ?? send.id).filter((id, i, all) => all.indexOf(id) === i)],
    },
    { id: 'caught', type: 'debug', z: 'tab1', active: false, wires: [] },
    { id: 'catch1', type: 'catch', z: 'tab1', scope: null, uncaught: false, wires: [['caught']] },
    ...extra,
  ];
  for (const { wiredFrom: _, ...send } of sends) {
    nodes.push({ type: 'blazwa-send', z: 'tab1', account: 'acc1', target: 'number', wires: [[`${String(send.id)}-out`]], ...send });
    nodes.push({ id: `${String(send.id)}-out`, type: 'debug', z: 'tab1', active: false, wires: [] });
  }
  return nodes;
}

async function deployAndRegister(flow: object[]): Promise<void> {
  await nodeRed.deploy(flow);
  await until(() => sandbox.state.webhook?.startsWith(nodeRed.url) === true, 'the registered webhook');
}

describe('replying to an incoming message', () => {
  it('a send node with no number anywhere replies to the sender: one message, to that number', async () => {
    await deployAndRegister(replyFlow([{ id: 'send1', phoneNumber: '', message: 'Terima kasih, pesan Anda kami terima.' }]));
    await sandbox.inject({ from: '0812-3456-7890', message: 'Jam buka?' });
    await until(() => got('send1-out').length === 1, 'the reply');
    console.log(`[reply] no number set: outbox ${JSON.stringify(sandbox.state.outbox.map((entry) => [entry.to, entry.body]))}`);
    expect(sandbox.state.outbox).toHaveLength(1);
    expect(sandbox.state.outbox[0]).toMatchObject({ kind: 'number', to: '6281234567890', body: 'Terima kasih, pesan Anda kami terima.' });
    expect(got('caught')).toHaveLength(0);
  });

  it('"Send to: the sender" replies to msg.from, whatever msg.phoneNumber says', async () => {
    await deployAndRegister(
      replyFlow(
        [{ id: 'send1', target: 'sender', message: 'Halo, ada yang bisa dibantu?', wiredFrom: 'change1' }],
        [
          {
            id: 'change1',
            type: 'change',
            z: 'tab1',
            rules: [{ t: 'set', p: 'phoneNumber', pt: 'msg', to: '081200001111', tot: 'str' }],
            wires: [['send1']],
          },
        ],
      ),
    );
    await sandbox.inject({ from: '0812-9999-0000', message: 'Halo' });
    await until(() => got('send1-out').length === 1, 'the reply');
    expect(sandbox.state.outbox.map((entry) => [entry.kind, entry.to])).toEqual([['number', '6281299990000']]);
  });

  it('a message written in a group is answered in that group, by "the sender" and by a node left without a number', async () => {
    await deployAndRegister(
      replyFlow([
        { id: 'send1', target: 'sender', message: 'Baik, dicatat.' },
        { id: 'send2', phoneNumber: '', message: 'Siap.' },
      ]),
    );
    await sandbox.inject({ from: '0812-9999-0000', message: 'Stok habis', groupName: 'staff' });
    await until(() => got('send1-out').length === 1 && got('send2-out').length === 1, 'both replies');
    console.log(`[reply] group message: outbox ${JSON.stringify(sandbox.state.outbox.map((entry) => [entry.kind, entry.to, entry.body]))}`);
    expect(sandbox.state.outbox).toHaveLength(2);
    for (const entry of sandbox.state.outbox) expect(entry).toMatchObject({ kind: 'group', groupName: 'Staff' });
  });

  it("refuses to echo the customer's own text back, with a plain sentence and the original msg at Catch; nothing is sent", async () => {
    await deployAndRegister(
      replyFlow([
        // The trap: Phone = msg.from, Message left empty.
        { id: 'send1', phoneNumber: 'from', phoneNumberType: 'msg', message: '' },
        { id: 'send2', phoneNumber: '', message: '' },
        { id: 'send3', target: 'sender', message: 'payload', messageType: 'msg' },
      ]),
    );
    await sandbox.inject({ from: '0812-3456-7890', message: 'Jam buka?' });
    await until(() => got('caught').length === 3, 'three refusals');
    console.log(`[echo] outbox ${sandbox.state.outbox.length}, Catch got ${got('caught').length}: "${got('caught')[0]!.error.message}"`);
    expect(sandbox.state.outbox).toHaveLength(0);
    for (const msg of got('caught')) {
      expect(msg).toMatchObject({
        payload: 'Jam buka?',
        from: '6281234567890',
        blazwaError: { kind: 'input', outcome: 'not-sent', field: 'message' },
      });
      expect(msg.error.message).toBe(
        'Not sent: the reply would be the incoming message itself, back to its sender. Set "Message" in the node to the reply text (or give msg.message)',
      );
    }
    expect(new Set(got('caught').map((msg) => msg.error.source.id))).toEqual(new Set(['send1', 'send2', 'send3']));
  });

  it('sends a payload the flow changed, and forwards the incoming text to another number', async () => {
    await deployAndRegister(
      replyFlow(
        [
          { id: 'send1', phoneNumber: '', message: '', wiredFrom: 'change1' },
          { id: 'send2', phoneNumber: '0812-0000-1111', message: '' },
        ],
        [
          {
            id: 'change1',
            type: 'change',
            z: 'tab1',
            rules: [{ t: 'set', p: 'payload', pt: 'msg', to: 'Kami buka pukul 09.00.', tot: 'str' }],
            wires: [['send1']],
          },
        ],
      ),
    );
    await sandbox.inject({ from: '0812-3456-7890', message: 'Jam buka?' });
    await until(() => got('send1-out').length === 1 && got('send2-out').length === 1, 'the reply and the forward');
    const sent = sandbox.state.outbox.map((entry) => [entry.to, entry.body]).sort();
    expect(sent).toEqual([
      ['6281200001111', 'Jam buka?'],
      ['6281234567890', 'Kami buka pukul 09.00.'],
    ]);
    expect(got('caught')).toHaveLength(0);
  });

  it('takes no msg.from of another node for a WhatsApp sender', async () => {
    await nodeRed.deploy(replyFlow([{ id: 'send1', phoneNumber: '', message: 'Halo' }]));
    nodeRed.RED.nodes.getNode('send1').receive({ payload: 'x', from: '081234567890' });
    await until(() => got('caught').length === 1, 'the refusal');
    expect(got('caught')[0]!.error.message).toBe(
      'No phone number: set "Phone number" in the node, give msg.phoneNumber, or wire this node after a WA receive node to reply to the sender',
    );
    expect(sandbox.state.outbox).toHaveLength(0);
  });
});

describe('what reaches Catch', () => {
  it('msg.blazwaError says status, kind and outcome for 429, a timeout that may have sent, and 401', async () => {
    await nodeRed.deploy(replyFlow([{ id: 'send1', phoneNumber: '0812-3456-7890', message: 'Halo' }], [], { timeout: 1 }));
    const send = (): void => nodeRed.RED.nodes.getNode('send1').receive({ payload: 'ignored', topic: 'order-7' });
    sandbox.fault({ status: 429, operations: ['message'] });
    send();
    await until(() => got('caught').length === 1, 'the 429');
    sandbox.fault({ delayMs: 1500, operations: ['message'] });
    send();
    await until(() => got('caught').length === 2, 'the timeout');
    await nodeRed.deploy(replyFlow([{ id: 'send1', phoneNumber: '0812-3456-7890', message: 'Halo' }], [], { credentials: { apiKey: 'wrong-key' } }));
    send();
    await until(() => got('caught').length === 3, 'the 401');
    const [tooMany, timeout, rejected] = got('caught');
    console.log(
      `[catch] ${got('caught')
        .map((msg) => JSON.stringify(msg.blazwaError))
        .join(' | ')}; outbox ${sandbox.state.outbox.length}`,
    );
    expect(tooMany!.blazwaError).toMatchObject({ status: 429, kind: 'server', outcome: 'unknown', retryable: false, operation: 'sendMessage' });
    expect(timeout!.blazwaError).toMatchObject({ kind: 'timeout', outcome: 'unknown', retryable: false, operation: 'sendMessage' });
    expect(timeout!.blazwaError.status).toBeUndefined();
    expect(rejected!.blazwaError).toMatchObject({ status: 401, kind: 'unauthorized', outcome: 'not-sent', retryable: false });
    for (const msg of got('caught')) {
      expect(msg.topic).toBe('order-7');
      expect(msg.error.message).not.toMatch(/^BlazwaError/);
    }
    expect(timeout!.error.message).toMatch(/may have been sent: check the chat before sending it again/);
    // The timed-out one went (the sandbox processed it, then answered late); the others did not.
    expect(sandbox.state.outbox).toHaveLength(1);
  });
});

describe('the "retry later, but never twice" example, imported', () => {
  const example = (patch: Record<string, unknown> = {}): Array<Record<string, any>> => {
    const nodes = JSON.parse(readFileSync(new URL('../examples/retry-later-never-twice.json', import.meta.url), 'utf8')) as Array<
      Record<string, any>
    >;
    return nodes.map((node) => {
      if (node.type === 'blazwa-config')
        return { ...node, server: 'custom', baseUrl: sandbox.url, minInterval: 0, timeout: 1, credentials: { apiKey: sandbox.apiKey }, ...patch };
      // The user's "wait a minute", shortened for the test.
      if (node.type === 'delay') return { ...node, timeout: '50', timeoutUnits: 'milliseconds' };
      return node;
    });
  };
  const ids = (flow: Array<Record<string, any>>) => ({
    inject: flow.find((node) => node.type === 'inject')!.id as string,
    sent: flow.find((node) => node.type === 'debug' && node.name === 'sent')!.id as string,
    retry: flow.find((node) => node.type === 'delay')!.id as string,
    alert: flow.find((node) => node.type === 'debug' && node.name === 'ALERT the owner')!.id as string,
    human: flow.find((node) => node.type === 'debug' && node.name.startsWith('check the chat'))!.id as string,
  });
  const inject = (id: string) => fetch(`${nodeRed.url}/admin/inject/${id}`, { method: 'POST' });
  const counts = (n: ReturnType<typeof ids>) =>
    `outbox ${sandbox.state.outbox.length}, sent ${got(n.sent).length}, retried ${got(n.retry).length}, alerts ${got(n.alert).length}, left to a human ${got(n.human).length}`;

  it('retries a send whose number check failed with 503, once it clears: sent exactly once', async () => {
    const flow = example();
    const n = ids(flow);
    await nodeRed.deploy(flow);
    // Core retries a read twice itself: three 503s make the check fail once, the next check passes.
    sandbox.fault({ status: 503, count: 3, operations: ['check-number'] });
    await inject(n.inject);
    await until(() => got(n.sent).length === 1, 'the message, sent after the retry');
    console.log(`[retry example] 503 on the check: ${counts(n)}`);
    expect(sandbox.state.outbox).toHaveLength(1);
    expect(sandbox.state.outbox[0]).toMatchObject({ to: '6281234567890', body: 'Pesanan #1024 sudah kami kirim. Terima kasih!' });
    expect(got(n.retry)).toHaveLength(1);
    expect(got(n.retry)[0]).toMatchObject({ retries: 1 });
    expect(got(n.retry)[0]).not.toHaveProperty('blazwaError');
    expect(got(n.alert)).toHaveLength(0);
    expect(got(n.human)).toHaveLength(0);
  });

  it('never resends a message that may have been sent (a timeout, a 503 on the send itself)', async () => {
    const flow = example();
    const n = ids(flow);
    await nodeRed.deploy(flow);
    sandbox.fault({ delayMs: 1500, operations: ['message'] });
    sandbox.fault({ status: 503, operations: ['message'] });
    await inject(n.inject);
    await until(() => got(n.human).length === 1, 'the first failure, left to a human');
    await inject(n.inject);
    await until(() => got(n.human).length === 2, 'the second failure, left to a human');
    console.log(`[retry example] timeout and 503 on the send: ${counts(n)}`);
    expect(got(n.human).map((msg) => msg.blazwaError.outcome)).toEqual(['unknown', 'unknown']);
    expect(got(n.retry)).toHaveLength(0);
    expect(got(n.sent)).toHaveLength(0);
    // The timed-out one reached the chat once (the sandbox processed it); the 503 did not.
    expect(sandbox.state.outbox).toHaveLength(1);
  });

  it('alerts the owner on 401 and retries nothing', async () => {
    const flow = example({ credentials: { apiKey: 'wrong-key' } });
    const n = ids(flow);
    await nodeRed.deploy(flow);
    await inject(n.inject);
    await until(() => got(n.alert).length === 1, 'the alert');
    console.log(`[retry example] 401: ${counts(n)}; alert "${got(n.alert)[0]!.payload}"`);
    expect(got(n.alert)[0]!.payload).toMatch(/^WhatsApp API key rejected: fix it in the config node\. API key rejected \(401\)/);
    expect(got(n.retry)).toHaveLength(0);
    expect(got(n.human)).toHaveLength(0);
    expect(sandbox.state.outbox).toHaveLength(0);
  });
});
