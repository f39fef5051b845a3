import { startSandbox, type Sandbox } from '@blazwa/sandbox';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  calls,
  catchAll,
  onTab,
  collect,
  configFor,
  configNode,
  credentialsFor,
  helper,
  sendNode,
  startServer,
  stopServer,
  until,
} from './support.js';

let sandbox: Sandbox;

beforeEach(async () => {
  sandbox = await startSandbox({ paired: true, unregistered: ['6281111111111'] });
  await startServer();
});

afterEach(async () => {
  await helper.unload();
  await stopServer();
  await sandbox.close();
});

function sendFlow(send: Record<string, unknown>, config: Record<string, unknown> = {}): object[] {
  return onTab([
    configFor(sandbox, config),
    { id: 'send', type: 'blazwa-send', account: 'account', target: 'number', wires: [['out']], ...send },
    { id: 'out', type: 'helper' },
    ...catchAll,
  ]);
}

async function load(send: Record<string, unknown>, config: Record<string, unknown> = {}, apiKey?: string) {
  await helper.load([configNode, sendNode], sendFlow(send, config), credentialsFor(sandbox, apiKey));
  return { send: helper.getNode('send'), out: collect(helper.getNode('out')), caught: collect(helper.getNode('caught')) };
}

describe('blazwa-send to a number', () => {
  it('sends the configured number and text and passes the sent message on in msg.payload', async () => {
    const { send, out } = await load({ phoneNumber: '0812-3456-7890', phoneNumberType: 'str', message: 'Halo dari Node-RED', messageType: 'str' });
    send.receive({ payload: 'ignored', topic: 'order-42' });
    const [msg] = await out.next();
    expect(msg!.topic).toBe('order-42');
    expect(msg!.payload).toMatchObject({ to: '6281234567890', body: 'Halo dari Node-RED' });
    expect(msg!.payload.id).toEqual(expect.any(String));
    expect(msg!.payload.created_at).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(sandbox.state.outbox).toHaveLength(1);
    expect(sandbox.state.outbox[0]).toMatchObject({ kind: 'number', to: '6281234567890', body: 'Halo dari Node-RED', media_url: null });
  });

  it('takes msg.phoneNumber, a text msg.payload and msg.imageUrl when the fields are left empty', async () => {
    const { send, out } = await load({ phoneNumber: '', message: '', imageUrl: '' });
    send.receive({ phoneNumber: '+62 812 0000 1111', payload: 'Pesanan Anda siap', imageUrl: 'https://example.com/struk.png' });
    const [msg] = await out.next();
    expect(msg!.payload).toMatchObject({ to: '6281200001111', body: 'Pesanan Anda siap', media_url: 'https://example.com/struk.png' });
    expect(sandbox.state.outbox[0]).toMatchObject({ to: '6281200001111', media_url: 'https://example.com/struk.png' });
  });

  it('takes the fields from a msg.payload object', async () => {
    const { send, out } = await load({});
    send.receive({ payload: { phoneNumber: '081299998888', message: 'Dari payload', imageUrl: 'https://example.com/a.jpg' } });
    const [msg] = await out.next();
    expect(msg!.payload).toMatchObject({ to: '6281299998888', body: 'Dari payload', media_url: 'https://example.com/a.jpg' });
  });

  it('reads every field from msg, flow, global, env and JSONata TypedInputs', async () => {
    process.env.BLAZWA_TEST_IMAGE = 'https://example.com/env.png';
    const { send, out } = await load({
      phoneNumber: 'customer.phone',
      phoneNumberType: 'msg',
      message: '"Halo " & customer.name & ", total " & $string(total)',
      messageType: 'jsonata',
      imageUrl: 'BLAZWA_TEST_IMAGE',
      imageUrlType: 'env',
    });
    send.receive({ customer: { phone: '0812 7777 6666', name: 'Sari' }, total: 15000 });
    const [msg] = await out.next();
    expect(msg!.payload).toMatchObject({ to: '6281277776666', body: 'Halo Sari, total 15000', media_url: 'https://example.com/env.png' });
  });

  it('a JSONata setting that cannot be parsed or fails fails each msg, naming the setting, and sends nothing', async () => {
    for (const [message, says] of [
      ['"Halo " & (', "message could not be read from the node's setting"],
      ['$error("no name in this order")', 'no name in this order'],
    ] as const) {
      const { send, out, caught } = await load({ phoneNumber: '081234567890', message, messageType: 'jsonata' });
      send.receive({ payload: 'keep me', topic: 'order-7' });
      const [msg] = await caught.next();
      expect(msg!.error.message).toContain(says);
      expect(msg!.error.message).toContain('message could not be read');
      expect(msg!).toMatchObject({ payload: 'keep me', topic: 'order-7' });
      expect(out.messages).toHaveLength(0);
      expect(sandbox.state.outbox).toHaveLength(0);
      await helper.unload();
    }
    // One setting failing later (JSONata) and another at once (a msg property that is no expression): one error, and
    // no rejection left unhandled.
    const { send, caught } = await load({ phoneNumber: '$error("no number")', phoneNumberType: 'jsonata', message: 'customer[', messageType: 'msg' });
    send.receive({ payload: 'keep me' });
    const [msg] = await caught.next();
    expect(msg!.error.message).toMatch(/(phoneNumber|message) could not be read from the node's setting/);
    expect(msg!.payload).toBe('keep me');
    expect(sandbox.state.outbox).toHaveLength(0);
  });

  it('reads flow and global context', async () => {
    const flow = sendFlow({ phoneNumber: 'owner', phoneNumberType: 'global', message: 'greeting', messageType: 'flow' });
    await helper.load([configNode, sendNode], flow, credentialsFor(sandbox));
    const send = helper.getNode('send') as any;
    send.context().global.set('owner', '6281355554444');
    send.context().flow.set('greeting', 'Selamat pagi');
    const out = collect(helper.getNode('out'));
    send.receive({});
    const [msg] = await out.next();
    expect(msg!.payload).toMatchObject({ to: '6281355554444', body: 'Selamat pagi' });
  });

  it('with "check the number first", sends to a number on WhatsApp', async () => {
    const { send, out } = await load({ checkNumber: true, phoneNumber: '081234567890', message: 'ok' });
    send.receive({});
    await out.next();
    expect(sandbox.state.requests.map((request) => request.operation)).toEqual(['check-number', 'message']);
  });

  it('with "check the number first", fails clearly for a number not on WhatsApp and sends nothing', async () => {
    const { send, out, caught } = await load({ checkNumber: true, message: 'halo' });
    send.receive({ phoneNumber: '0811-1111-1111', payload: 'keep me' });
    const [msg] = await caught.next();
    expect(msg!.error.message).toContain('6281111111111 is not on WhatsApp');
    expect(msg!.payload).toBe('keep me');
    expect(msg!.phoneNumber).toBe('0811-1111-1111');
    expect(out.messages).toHaveLength(0);
    expect(sandbox.state.outbox).toHaveLength(0);
  });
});

describe('blazwa-send to a group', () => {
  it('sends to the configured group', async () => {
    const { send, out } = await load({ target: 'group', groupName: 'Staff', groupNameType: 'str', message: 'Rapat jam 3' });
    send.receive({});
    const [msg] = await out.next();
    expect(msg!.payload).toMatchObject({ body: 'Rapat jam 3' });
    expect(sandbox.state.outbox[0]).toMatchObject({ kind: 'group', groupName: 'Staff', body: 'Rapat jam 3' });
  });

  it('takes msg.groupName and the msg.payload object', async () => {
    const { send, out } = await load({ target: 'group' });
    send.receive({ groupName: 'Pelanggan', payload: 'Promo hari ini' });
    send.receive({ payload: { groupName: 'Staff', message: 'Shift malam' } });
    await out.next(2);
    expect(sandbox.state.outbox.map((entry) => [entry.groupName, entry.body])).toEqual([
      ['Pelanggan', 'Promo hari ini'],
      ['Staff', 'Shift malam'],
    ]);
  });
});

describe('blazwa-send pacing', () => {
  it("sends a burst in order, at the account's pace", async () => {
    const { send, out } = await load({ message: '' }, { minInterval: 0.2 });
    const statuses = calls(send, 'status');
    for (let i = 1; i <= 4; i++) send.receive({ phoneNumber: '081234567890', payload: `message ${i}` });
    const messages = await out.next(4);
    expect(messages.map((msg) => msg.payload.body)).toEqual(['message 1', 'message 2', 'message 3', 'message 4']);
    expect(sandbox.state.outbox.map((entry) => entry.body)).toEqual(['message 1', 'message 2', 'message 3', 'message 4']);
    const starts = sandbox.state.outbox.map((entry) => entry.at);
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(150);
    // Status is throttled (at most every 500 ms): the last one comes a moment after the last msg.
    const text = (call: unknown[] | undefined) => (call?.[0] as { text?: string } | undefined)?.text;
    await until(() => text(statuses.at(-1)) === '✓ 4', 'the sent status');
    const texts = statuses.map(text);
    // Waiting messages as a count every language reads: `… 3`.
    expect(texts.some((t) => /^… [1-3]$/.test(t ?? ''))).toBe(true);
    expect(texts).toContain('blazwa-send.status.sending');
    expect(texts.at(-1)).toBe('✓ 4');
  });

  it('a removed node reports each waiting message as not sent, in the log and to Catch, and sends nothing after', async () => {
    const { send, out, caught } = await load({ phoneNumber: '081234567890', message: 'burst' }, { minInterval: 30 });
    for (let i = 0; i < 3; i++) send.receive({ n: i });
    await out.next(1);
    const logged = helper.log().args.length;
    // What a deploy that deletes this node does; a deploy that keeps it (removed = false) keeps its messages.
    await (send as unknown as { close(removed: boolean): Promise<void> }).close(true);
    const errors = await caught.next(2);
    expect(errors.map((msg) => msg.n)).toEqual([1, 2]);
    for (const msg of errors) expect(msg.error.message).toContain('Not sent: the send node was removed');
    const lines = helper
      .log()
      .args.slice(logged)
      .map((args) => JSON.stringify(args));
    for (const msg of errors) expect(lines.some((line) => line.includes(`msg ${msg._msgid}`))).toBe(true);
    expect(sandbox.state.outbox).toHaveLength(1);
  });

  it('msg.reset empties the waiting messages, each to Catch with its msg, and is not sent itself', async () => {
    const { send, out, caught } = await load({ phoneNumber: '081234567890', message: 'burst' }, { minInterval: 30 });
    for (let i = 0; i < 4; i++) send.receive({ n: i });
    await out.next(1);
    send.receive({ reset: true });
    const errors = await caught.next(3);
    expect(errors.map((msg) => msg.n)).toEqual([1, 2, 3]);
    for (const msg of errors) expect(msg.error.message).toContain('msg.reset');
    expect(sandbox.state.outbox).toHaveLength(1);
    // The queue goes on: the next msg waits only for the interval since the last send.
    expect(out.messages).toHaveLength(1);
  });

  it('over the cap, a msg goes to Catch at once saying how many are waiting', async () => {
    const { send, out, caught } = await load({ phoneNumber: '081234567890', message: 'capped' }, { minInterval: 30, maxWaiting: 2 });
    for (let i = 0; i < 5; i++) send.receive({ n: i });
    const errors = await caught.next(2);
    expect(errors.map((msg) => msg.n)).toEqual([3, 4]);
    for (const msg of errors) expect(msg.error.message).toContain('queue full: 2 messages are waiting');
    await out.next(1);
    send.receive({ reset: true });
    await caught.next(4);
    expect(sandbox.state.outbox).toHaveLength(1);
  });
});

describe('blazwa-send failures reach a Catch node with the msg intact', () => {
  const original = { payload: 'Halo', phoneNumber: '081234567890', topic: 'keep', _keep: { nested: [1, 2] } };

  async function failWith(setup: () => void, send: Record<string, unknown> = {}, apiKey?: string) {
    const loaded = await load(send, {}, apiKey);
    const statuses = calls(loaded.send, 'status');
    setup();
    loaded.send.receive(structuredClone(original));
    const [msg] = await loaded.caught.next();
    expect(msg).toMatchObject(original);
    expect(loaded.out.messages).toHaveLength(0);
    await until(() => statuses.some(([status]) => (status as { fill?: string }).fill === 'red'), 'an error status');
    const last = statuses.at(-1)![0] as { text: string; fill: string };
    return { error: msg!.error as { message: string }, status: last, fields: msg!.blazwaError };
  }

  it('400: the server says what is wrong', async () => {
    const { error, status, fields } = await failWith(() => sandbox.unpair());
    // The plain sentence, as a user reads it in the debug sidebar: no "BlazwaError: " in front.
    expect(error.message).toMatch(/^Blazwa rejected the request \(400\)/);
    expect(status.text).toBe('node-red-contrib-blazwa/blazwa-config:blazwa-config.reason.rejected');
    expect(fields).toEqual({ kind: 'validation', outcome: 'not-sent', retryable: false, status: 400, operation: 'sendMessage' });
  });

  it("400: the server's errors[] lines are in the message", async () => {
    const { error } = await failWith(() => {}, { target: 'group', groupName: 'No Such Group' });
    expect(error.message).toContain('(400)');
    expect(error.message).toContain("groupName 'No Such Group' is not a group of this WhatsApp account");
  });

  it('401: the API key is rejected, and the message says where to fix it, without the key', async () => {
    const { error, status } = await failWith(() => {}, {}, 'wrong-key-123');
    expect(error.message).toContain('API key rejected (401)');
    expect(error.message).toContain('Blazwa config node');
    expect(error.message).not.toContain('wrong-key-123');
    expect(status.text).toBe('node-red-contrib-blazwa/blazwa-config:blazwa-config.reason.unauthorized');
  });

  it('an API key pasted with an invisible character fails at deploy, says which and where, and sends nothing', async () => {
    const { error, status, fields } = await failWith(() => {}, {}, `${sandbox.apiKey}\u200b`);
    expect(error.message).toMatch(/^API key has an invisible character \(U\+200B\) at position \d+: copy the key again/);
    expect(error.message).toContain('the Blazwa config node');
    expect(error.message).not.toContain(sandbox.apiKey);
    expect(status.text).toBe('node-red-contrib-blazwa/blazwa-config:blazwa-config.reason.invalid.apiKey');
    expect(fields).toEqual({ kind: 'input', outcome: 'not-sent', retryable: false, field: 'apiKey' });
    expect(sandbox.state.requests).toHaveLength(0);
  });

  it('500: the server failed', async () => {
    const { error, status, fields } = await failWith(() => sandbox.fault({ status: 500, operations: ['message'] }));
    expect(error.message).toMatch(/^The Blazwa server failed \(500\)/);
    // A gateway may fail after recording the message: the flow is told to check, in words and in a field.
    expect(error.message).toContain('may have been sent: check the chat before sending it again');
    expect(status.text).toBe('node-red-contrib-blazwa/blazwa-config:blazwa-config.reason.server-error');
    expect(fields).toEqual({ kind: 'server', outcome: 'unknown', retryable: false, status: 500, operation: 'sendMessage' });
    expect(sandbox.state.outbox).toHaveLength(0);
  });

  it('504: the gateway timed out, and the send is not retried', async () => {
    const { error, status } = await failWith(() => sandbox.fault({ status: 504, operations: ['message'] }));
    expect(error.message).toContain('timed out (504)');
    expect(error.message).not.toContain('try again later');
    expect(status.text).toBe('node-red-contrib-blazwa/blazwa-config:blazwa-config.reason.timeout-may-be-sent');
    expect(sandbox.state.requests.filter((request) => request.operation === 'message')).toHaveLength(1);
  });

  it('no answer within the timeout: says so, and does not send again', async () => {
    const loaded = await load({ phoneNumber: '081234567890' }, { timeout: 1 });
    sandbox.fault({ delayMs: 3000, operations: ['message'] });
    loaded.send.receive({ topic: 'slow', payload: 'lambat' });
    const [msg] = await loaded.caught.next();
    expect(msg!.topic).toBe('slow');
    expect(msg!.error.message).toContain('No answer from the Blazwa server within 1 s');
    // The server did get it: a second attempt could have delivered it twice. A retry would happen within the first
    // message's turn, so once the next message has gone out, the outbox shows whether there was one.
    loaded.send.receive({ topic: 'next', payload: 'berikutnya' });
    await loaded.out.next();
    expect(sandbox.state.outbox.map((entry) => entry.body)).toEqual(['lambat', 'berikutnya']);
  });

  it('a phone number with a typo (a letter O) fails before anything is sent', async () => {
    const loaded = await load({ message: 'x' });
    loaded.send.receive({ phoneNumber: '0812-3456-789O' });
    const [msg] = await loaded.caught.next();
    expect(msg!.error.message).toContain("phoneNumber '0812-3456-789O' has a letter 'O' at position 14");
    expect(sandbox.state.requests).toHaveLength(0);
  });

  it('a node without a config node says to pick one', async () => {
    await helper.load(
      [configNode, sendNode],
      onTab([{ id: 'send', type: 'blazwa-send', account: '', wires: [['out']] }, { id: 'out', type: 'helper' }, ...catchAll]),
    );
    const caught = collect(helper.getNode('caught'));
    helper.getNode('send').receive({ phoneNumber: '0812 3456 7890', payload: 'x' });
    const [msg] = await caught.next();
    expect(msg!.error.message).toContain('pick (or add) a Blazwa config node');
  });
});
