import { readdirSync, readFileSync } from 'node:fs';
import { startSandbox, type Sandbox } from '@blazwa/sandbox';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startNodeRed, type Embedded } from './embedded.js';
import { until } from './support.js';

let nodeRed: Embedded;
let sandbox: Sandbox;
const PATH = '/blazwa/3f9c1d7e0b2a4c6d8e1f';

beforeAll(async () => {
  nodeRed = await startNodeRed();
}, 60_000);

afterAll(async () => {
  await nodeRed?.stop();
});

beforeEach(async () => {
  sandbox = await startSandbox({ paired: true });
});

afterEach(async () => {
  await nodeRed.deploy([]);
  await sandbox.close();
  nodeRed.sent.length = 0;
});

function flows(trigger: Record<string, unknown> = {}, extra: object[] = []): object[] {
  return [
    { id: 'tab1', type: 'tab', label: 'WhatsApp' },
    {
      id: 'acc1',
      type: 'blazwa-config',
      name: 'Toko',
      server: 'custom',
      baseUrl: sandbox.url,
      timeout: 5,
      minInterval: 0,
      publicBaseUrl: nodeRed.url,
      credentials: { apiKey: sandbox.apiKey },
    },
    {
      id: 'trig1',
      type: 'blazwa-trigger',
      z: 'tab1',
      name: 'Incoming',
      path: PATH,
      account: 'acc1',
      register: false,
      allowFrom: '',
      wires: [['dbg1']],
      ...trigger,
    },
    { id: 'dbg1', type: 'debug', z: 'tab1', active: false, wires: [] },
    ...extra,
  ];
}

const received = () => nodeRed.sent.filter((entry) => entry.type === 'blazwa-trigger').map((entry) => entry.msg);

function post(body: string, contentType: string, path = PATH): Promise<Response> {
  return fetch(`${nodeRed.url}/hooks${path}`, { method: 'POST', headers: { 'content-type': contentType }, body });
}

describe('blazwa-trigger in a real Node-RED', () => {
  it('turns one JSON delivery into exactly one msg', async () => {
    await nodeRed.deploy(flows());
    const response = await post(JSON.stringify({ message: 'Halo, stok ada?', from: '0812-3456-7890', extra: 1 }), 'application/json');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await response.json()).toEqual({ ok: true });
    await until(() => received().length === 1, 'the msg');
    const [msg] = received();
    expect(msg).toMatchObject({ payload: 'Halo, stok ada?', from: '6281234567890', topic: '6281234567890' });
    expect(new Date(msg!.blazwa.receivedAt).toISOString()).toBe(msg!.blazwa.receivedAt);
    expect(msg!.blazwa.raw).toEqual({ message: 'Halo, stok ada?', from: '0812-3456-7890', extra: 1 });
    await post(JSON.stringify({ message: 'kedua', from: '6281234567890' }), 'application/json');
    await until(() => received().length === 2, 'the second msg');
    expect(received()).toHaveLength(2);
    // The running count, from the real catalogue.
    await until(() => nodeRed.statuses.some((event) => event.status?.text === '✉ 2'), 'the count in the status');
  });

  it('accepts a form body', async () => {
    await nodeRed.deploy(flows());
    const response = await post('message=Pesan+form&from=081298765432', 'application/x-www-form-urlencoded');
    expect(response.status).toBe(200);
    await until(() => received().length === 1, 'the msg');
    expect(received()[0]).toMatchObject({ payload: 'Pesan form', from: '6281298765432' });
  });

  it('gives no msg for a wrong path, a bad body or an oversize body', async () => {
    await nodeRed.deploy(flows());
    expect((await post(JSON.stringify({ message: 'x', from: '0812' }), 'application/json', '/blazwa/guess')).status).toBe(404);
    expect((await post('{"message": "broken', 'application/json')).status).toBe(400);
    expect((await post(JSON.stringify({ message: 'no sender' }), 'application/json')).status).toBe(400);
    const huge = JSON.stringify({ message: 'x'.repeat(300 * 1024), from: '0812' });
    expect((await post(huge, 'application/json')).status).toBe(413);
    // A good delivery after the bad ones proves they were handled and produced nothing.
    await post(JSON.stringify({ message: 'ok', from: '0812' }), 'application/json');
    await until(() => received().length === 1, 'the good msg');
    expect(received().map((msg) => msg.payload)).toEqual(['ok']);
    expect(nodeRed.logs.some((line) => line.startsWith('Ignored a webhook call') && line.includes("no 'from'"))).toBe(true);
  });

  it('filters by sender numbers, in any spelling', async () => {
    await nodeRed.deploy(flows({ allowFrom: '0812-1111-2222, +62 813 3333 4444' }));
    for (const from of ['6289999999999', '081211112222', '6281333334444']) {
      expect((await post(JSON.stringify({ message: from, from }), 'application/json')).status).toBe(200);
    }
    await until(() => received().length === 2, 'two accepted msgs');
    expect(received().map((msg) => msg.from)).toEqual(['6281211112222', '6281333334444']);
  });

  it("goes through Node-RED's httpNodeMiddleware, as the core http in node does", async () => {
    nodeRed.setNodeMiddleware((req, res, next) => (req.headers['x-proxy-secret'] === 'letmein' ? next() : res.status(403).end()));
    try {
      await nodeRed.deploy(flows());
      expect((await post(JSON.stringify({ message: 'blocked', from: '0812' }), 'application/json')).status).toBe(403);
      const allowed = await fetch(`${nodeRed.url}/hooks${PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-proxy-secret': 'letmein' },
        body: JSON.stringify({ message: 'allowed', from: '0812' }),
      });
      expect(allowed.status).toBe(200);
      await until(() => received().length === 1, 'the allowed msg');
      expect(received().map((msg) => msg.payload)).toEqual(['allowed']);
    } finally {
      nodeRed.setNodeMiddleware(undefined);
    }
  });

  it('refuses a path Express would read as a pattern, and says why', async () => {
    nodeRed.logs.length = 0;
    await nodeRed.deploy(flows({ path: '/blazwa/:anything' }));
    expect((await post(JSON.stringify({ message: 'x', from: '0812' }), 'application/json', '/blazwa/guess')).status).toBe(404);
    await until(() => nodeRed.statuses.some((event) => event.id === 'trig1' && event.status?.text === 'blazwa-trigger.status.no-path'), 'the status');
    expect(nodeRed.logs.some((line) => line.includes("This trigger's path is empty or has characters"))).toBe(true);
  });

  it.each([
    ['the old example placeholder', '/blazwa/change-me-to-a-long-random-token', 'an example'],
    ['a guessable word', '/blazwa/orders', 'too short'],
    ['one repeated character', `/blazwa/${'a'.repeat(32)}`, 'too short'],
    ['nothing (a flow deployed without the editor)', '', 'no path yet'],
  ])('refuses to start on %s, even set to register, and says how to fix it without logging the path', async (_name, path, said) => {
    nodeRed.logs.length = 0;
    await nodeRed.deploy(flows({ path, register: true }));
    await until(
      () => nodeRed.statuses.some((event) => event.id === 'trig1' && event.status?.text === 'blazwa-trigger.status.no-secret-path'),
      'the status',
    );
    const warning = nodeRed.logs.find((line) => line.includes('press Done'));
    expect(warning).toContain(said);
    if (path !== '') expect(nodeRed.logs.join('\n')).not.toContain(path.slice('/blazwa/'.length));
    expect((await post(JSON.stringify({ message: 'x', from: '0812' }), 'application/json', path || '/')).status).toBe(404);
    expect(sandbox.state.webhook).toBeNull();
    expect(sandbox.state.requests.filter((request) => request.operation === 'webhook')).toHaveLength(0);
  });

  it('keeps its path out of the log when registering fails with a reason that quotes the URL', async () => {
    nodeRed.logs.length = 0;
    await nodeRed.deploy(flows({ register: true }).map((node: any) => (node.id === 'acc1' ? { ...node, publicBaseUrl: 'nodered.local' } : node)));
    await until(() => nodeRed.logs.some((line) => line.startsWith('Registering the webhook failed')), 'the failure in the log');
    const line = nodeRed.logs.find((entry) => entry.startsWith('Registering the webhook failed'))!;
    expect(line).toContain("webhook 'nodered.local/hooks/blazwa/…' is not a URL");
    const token = PATH.slice('/blazwa/'.length);
    const everything = JSON.stringify([nodeRed.logs, nodeRed.statuses]);
    console.log(
      `[secret path] ${nodeRed.logs.length} log lines and ${nodeRed.statuses.length} statuses scanned: the path found ${everything.split(token).length - 1} times`,
    );
    expect(everything).not.toContain(token);
  });

  it('keeps msg.blazwa.raw shallow enough for Node-RED to clone: deeper fields arrive as their JSON text', async () => {
    await nodeRed.deploy(flows());
    const deep = `${'{"a":'.repeat(40)}true${'}'.repeat(40)}`;
    const response = await post(`{"message":"deep","from":"0812","list":[1,"two"],"extra":${deep}}`, 'application/json');
    expect(response.status).toBe(200);
    await until(() => received().length === 1, 'the msg');
    const raw = received()[0]!.blazwa.raw;
    expect(raw).toMatchObject({ message: 'deep', from: '0812', list: [1, 'two'] });
    let level: any = raw.extra;
    for (let depth = 1; depth < 31; depth++) level = level.a;
    // raw.extra is the first level of the copy, so the 31st `a` below it is the 32nd: kept as text.
    expect(level.a).toBe(`${'{"a":'.repeat(9)}true${'}'.repeat(9)}`);
  });

  it('leaves a delivery\'s "__proto__" fields out of raw, so no wire\'s msg gets a prototype from the sender', async () => {
    await nodeRed.deploy(flows({ wires: [['dbg1', 'dbg2']] }, [{ id: 'dbg2', type: 'debug', z: 'tab1', active: false, wires: [] }]));
    const arrived: Array<Record<string, any>> = [];
    nodeRed.RED.hooks.add('onReceive.proto', (event: { msg: Record<string, any> }) => void arrived.push(event.msg));
    try {
      const body = '{"message":"proto","from":"0812","__proto__":{"polluted":true},"nested":{"__proto__":{"polluted":true}}}';
      expect((await post(body, 'application/json')).status).toBe(200);
      await until(() => arrived.length === 2, 'the msg on both wires');
    } finally {
      nodeRed.RED.hooks.remove('onReceive.proto');
    }
    // Node-RED's copy for the second wire would assign the field, which sets that copy's prototype.
    for (const msg of arrived) {
      expect(Object.hasOwn(msg.blazwa.raw, '__proto__')).toBe(false);
      expect(msg.blazwa.raw).toMatchObject({ message: 'proto', from: '0812', nested: {} });
      expect(Object.getPrototypeOf(msg.blazwa.raw)).toBe(Object.prototype);
      expect(Object.getPrototypeOf(msg.blazwa.raw.nested)).toBe(Object.prototype);
      expect(msg.blazwa.raw.polluted).toBeUndefined();
      expect(msg.blazwa.raw.nested.polluted).toBeUndefined();
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('removes its route on redeploy with another path', async () => {
    await nodeRed.deploy(flows());
    await nodeRed.deploy(flows({ path: '/blazwa/other-7c1e9a3b5d0f2e4a6b8c' }));
    expect((await post(JSON.stringify({ message: 'x', from: '0812' }), 'application/json')).status).toBe(404);
    expect((await post(JSON.stringify({ message: 'y', from: '0812' }), 'application/json', '/blazwa/other-7c1e9a3b5d0f2e4a6b8c')).status).toBe(200);
  });

  it('registers its URL on deploy, keeps it over a redeploy, and resets it when removed', async () => {
    const own = `${nodeRed.url}/hooks${PATH}`;
    await nodeRed.deploy(flows({ register: true }));
    await until(() => sandbox.state.webhook === own, 'the registered webhook');
    await until(() => nodeRed.statuses.some((event) => event.id === 'trig1' && event.status?.fill === 'green'), 'the registered status');

    await nodeRed.deploy(flows({ register: true, name: 'Renamed' }));
    expect(sandbox.state.requests.filter((request) => request.operation === 'webhook/reset')).toHaveLength(0);
    expect(sandbox.state.webhook).toBe(own);

    const withoutTrigger = flows().filter((node) => (node as { id: string }).id !== 'trig1');
    await nodeRed.deploy(withoutTrigger);
    await until(() => sandbox.state.webhook === null, 'the webhook reset');
  });

  it('does not reset a webhook that another URL has taken since', async () => {
    await nodeRed.deploy(flows({ register: true }));
    await until(() => sandbox.state.webhook !== null, 'the registered webhook');
    // Another trigger of this account registers after it: the account's webhook is no longer the first's.
    const second = {
      id: 'trig2',
      type: 'blazwa-trigger',
      z: 'tab1',
      path: '/blazwa/second-5e2d8b0a7c4f1e3d9a6b',
      account: 'acc1',
      register: true,
      wires: [],
    };
    await nodeRed.deploy(flows({ register: true }, [second]));
    await until(() => sandbox.state.webhook === `${nodeRed.url}/hooks/blazwa/second-5e2d8b0a7c4f1e3d9a6b`, 'the second registration');
    await nodeRed.deploy(flows({}, [second]).filter((node) => (node as { id: string }).id !== 'trig1'));
    expect(sandbox.state.webhook).toBe(`${nodeRed.url}/hooks/blazwa/second-5e2d8b0a7c4f1e3d9a6b`);
  });

  it('does not reset a webhook that a status node has set since', async () => {
    const setter = { id: 'setter1', type: 'blazwa-status', z: 'tab1', account: 'acc1', action: 'set-webhook', wires: [] };
    await nodeRed.deploy(flows({ register: true }, [setter]));
    await until(() => sandbox.state.webhook !== null, 'the registered webhook');
    nodeRed.RED.nodes.getNode('setter1').receive({ payload: 'https://elsewhere.example.com/hook' });
    await until(() => sandbox.state.webhook === 'https://elsewhere.example.com/hook', 'the webhook set by hand');
    await nodeRed.deploy(flows({}, [setter]).filter((node) => (node as { id: string }).id !== 'trig1'));
    expect(sandbox.state.webhook).toBe('https://elsewhere.example.com/hook');
    expect(sandbox.state.requests.filter((request) => request.operation === 'webhook/reset')).toHaveLength(0);
  });

  it('end to end: an inbound message injected in the sandbox arrives as a msg, and an auto-reply goes back', async () => {
    const reply = {
      id: 'reply1',
      type: 'blazwa-send',
      z: 'tab1',
      account: 'acc1',
      target: 'number',
      phoneNumber: 'from',
      phoneNumberType: 'msg',
      message: '"Terima kasih, pesan Anda: " & payload',
      messageType: 'jsonata',
      wires: [],
    };
    const flow = flows({ register: true, wires: [['reply1']] }, [reply]);
    await nodeRed.deploy(flow);
    await until(() => sandbox.state.webhook !== null, 'the registered webhook');
    const delivery = await sandbox.inject({ from: '081234567890', message: 'Jam buka?' });
    expect(delivery.status).toBe(200);
    await until(() => sandbox.state.outbox.length === 1, 'the auto-reply');
    expect(received()).toHaveLength(1);
    expect(received()[0]).toMatchObject({ payload: 'Jam buka?', from: '6281234567890' });
    expect(sandbox.state.outbox[0]).toMatchObject({ kind: 'number', to: '6281234567890', body: 'Terima kasih, pesan Anda: Jam buka?' });
    await until(() => nodeRed.statuses.some((event) => event.id === 'reply1' && event.status?.text === '✓ 1'), 'the send count');
    expect(nodeRed.statuses.filter((event) => event.id === 'reply1').map((event) => event.status?.text)).toContain('blazwa-send.status.sending');
  });

  it('never shows the API key in the exported flow, the logs or the node statuses', async () => {
    await nodeRed.deploy(
      flows({ register: true }, [
        { id: 'send1', type: 'blazwa-send', z: 'tab1', account: 'acc1', target: 'number', phoneNumber: 'abc', message: 'x', wires: [] },
      ]),
    );
    await until(() => sandbox.state.webhook !== null, 'the registered webhook');
    const exported = await nodeRed.adminGet('/flows');
    expect(exported).toContain('blazwa-config');
    expect(exported).not.toContain(sandbox.apiKey);
    expect(readFileSync(`${nodeRed.userDir}/flows.json`, 'utf8')).not.toContain(sandbox.apiKey);
    expect(readFileSync(`${nodeRed.userDir}/flows_cred.json`, 'utf8')).not.toContain(sandbox.apiKey);
    expect(nodeRed.logs.join('\n')).not.toContain(sandbox.apiKey);
    expect(JSON.stringify(nodeRed.statuses)).not.toContain(sandbox.apiKey);
  });
});

describe('the examples, imported into a real Node-RED', () => {
  const example = (name: string, patch: Record<string, unknown> = {}): Array<Record<string, any>> => {
    const nodes = JSON.parse(readFileSync(new URL(`../examples/${name}.json`, import.meta.url), 'utf8')) as Array<Record<string, any>>;
    return nodes.map((node) =>
      node.type === 'blazwa-config'
        ? { ...node, server: 'custom', baseUrl: sandbox.url, minInterval: 0, credentials: { apiKey: sandbox.apiKey }, ...patch }
        : node,
    );
  };
  const inject = (id: string) => fetch(`${nodeRed.url}/admin/inject/${id}`, { method: 'POST' });

  it('ship no fixed trigger path and send the login QR nowhere a read-only editor user could see it', () => {
    const names = readdirSync(new URL('../examples/', import.meta.url)).filter((name) => name.endsWith('.json'));
    const nodes = names.flatMap((name) => example(name.replace(/\.json$/, '')));
    const triggers = nodes.filter((node) => node.type === 'blazwa-trigger');
    const qrActions = nodes.filter((node) => node.type === 'blazwa-status' && node.action === 'qr');
    console.log(
      `[examples] ${names.length} examples: ${triggers.length} trigger(s), paths ${JSON.stringify(triggers.map((node) => node.path))}; login QR actions: ${qrActions.length}`,
    );
    expect(triggers.length).toBeGreaterThan(0);
    for (const trigger of triggers) expect(trigger.path).toBe('');
    expect(qrActions).toEqual([]);
  });

  it('send-a-message sends to the number of its inject node', async () => {
    const flow = example('send-a-message');
    await nodeRed.deploy(flow);
    const injectNode = flow.find((node) => node.type === 'inject')!;
    expect((await inject(injectNode.id)).status).toBe(200);
    await until(() => sandbox.state.outbox.length === 1, 'the message');
    expect(sandbox.state.outbox[0]).toMatchObject({ to: '6281234567890', body: 'Halo! Pesanan Anda sudah siap diambil.' });
  });

  it('notify-a-group sends to the Staff group', async () => {
    const flow = example('notify-a-group');
    await nodeRed.deploy(flow);
    await inject(flow.find((node) => node.type === 'inject')!.id);
    await until(() => sandbox.state.outbox.length === 1, 'the message');
    expect(sandbox.state.outbox[0]).toMatchObject({ kind: 'group', groupName: 'Staff' });
    expect(sandbox.state.outbox[0]!.body).toMatch(/^Selamat pagi tim!/);
  });

  it('auto-reply-bot does not start until its trigger has a secret path, then registers and answers', async () => {
    const flow = example('auto-reply-bot', { publicBaseUrl: nodeRed.url });
    await nodeRed.deploy(flow);
    const trigger = flow.find((node) => node.type === 'blazwa-trigger')!;
    await until(
      () => nodeRed.statuses.some((event) => event.id === trigger.id && event.status?.text === 'blazwa-trigger.status.no-secret-path'),
      'the refusal',
    );
    expect(sandbox.state.webhook).toBeNull();
    // What the editor does when the user opens the trigger and presses Done.
    await nodeRed.deploy(flow.map((node) => (node === trigger ? { ...node, path: '/blazwa/fedcba98765432109f8e7d6c5b4a3210' } : node)));
    await until(() => sandbox.state.webhook?.startsWith(nodeRed.url) === true, 'the registered webhook');
    await sandbox.inject({ from: '0812-9999-0000', message: 'Jam berapa buka?' });
    await sandbox.inject({ from: '0812-9999-0000', message: 'Halo admin' });
    await until(() => sandbox.state.outbox.length === 2, 'both replies');
    const replies = sandbox.state.outbox.map((entry) => [entry.to, entry.body]);
    expect(replies).toContainEqual(['6281299990000', 'Kami buka setiap hari pukul 09.00–21.00. Terima kasih!']);
    expect(replies).toContainEqual(['6281299990000', 'Terima kasih, pesan Anda "Halo admin" sudah kami terima. Admin akan segera membalas.']);
  });

  it('connection-status-and-qr answers the number check', async () => {
    const flow = example('connection-status-and-qr');
    await nodeRed.deploy(flow);
    const check = flow.find((node) => node.type === 'inject' && node.props?.[0]?.v === '0812-3456-7890')!;
    await inject(check.id);
    await until(() => nodeRed.sent.some((entry) => entry.msg.payload?.isRegistered === true), 'the check');
    await until(() => nodeRed.sent.some((entry) => entry.msg.payload?.status === 'connected'), 'the watch msg');
  });
});
