import { startSandbox, type Sandbox } from '@blazwa/sandbox';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { calls, catchAll, collect, configFor, configNode, helper, onTab, sendNode, startServer, statusNode, stopServer, until } from './support.js';

const KEY = 'sk-live-SECRET-0123456789abcdef';
let sandbox: Sandbox;

beforeEach(async () => {
  sandbox = await startSandbox({ paired: true, apiKeys: [KEY] });
  await startServer();
});

afterEach(async () => {
  await helper.unload();
  await stopServer();
  await sandbox.close();
});

it('the API key never appears in node statuses, warnings, errors, caught msgs or the log, for good and rejected keys', async () => {
  for (const apiKey of [KEY, `${KEY}-wrong`]) {
    const flow = onTab([
      configFor(sandbox),
      { id: 'send', type: 'blazwa-send', account: 'account', target: 'number', message: 'x', wires: [['out']] },
      { id: 'service', type: 'blazwa-status', account: 'account', action: 'status', watch: true, interval: 10, wires: [['out']] },
      { id: 'out', type: 'helper' },
      ...catchAll,
    ]);
    await helper.load([configNode, sendNode, statusNode], flow, { account: { apiKey } });
    const nodes = ['send', 'service'].map((id) => helper.getNode(id));
    const seen = nodes.flatMap((node) => [calls(node, 'status'), calls(node, 'warn'), calls(node, 'error')]);
    const out = collect(helper.getNode('out'));
    const caught = collect(helper.getNode('caught'));
    nodes[0]!.receive({ phoneNumber: '081234567890' });
    nodes[0]!.receive({ phoneNumber: 'no digits' });
    nodes[1]!.receive({});
    const good = apiKey === KEY;
    // Good key: a sent message, a status answer and the watch's first msg out, the bad number caught. Rejected key:
    // all three caught, and the watch warns.
    await until(
      () => (good ? out.messages.length >= 3 && caught.messages.length >= 1 : caught.messages.length >= 3 && seen[4]!.length >= 1),
      'every answer',
    );
    const everything = JSON.stringify([seen, out.messages, caught.messages, helper.log().args]);
    expect(everything).not.toContain(KEY);
    if (!good) expect(JSON.stringify(caught.messages)).toContain('API key rejected (401)');
    await helper.unload();
  }
});
