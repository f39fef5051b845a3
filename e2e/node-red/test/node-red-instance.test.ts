// The packed node-red-contrib-blazwa in real Node-RED 4 and 5 processes: installed with npm as the palette manager
// does, its example flows deployed through the admin API, a message sent from an inject and an inbound message
// answered by the auto-reply, all against the sandbox.
import { randomBytes } from 'node:crypto';
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { startSandbox, type Sandbox } from '@blazwa/sandbox';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';

import { exampleFlows, type ExampleFlows } from './helpers/flows.js';
import { NodeRedInstance } from './helpers/instance.js';
import { PACKAGE_NAME } from './helpers/paths.js';
import { RELEASES, type Release } from './helpers/releases.js';

const NODE_TYPES = ['blazwa-config', 'blazwa-send', 'blazwa-status', 'blazwa-trigger'];
/** What Node-RED itself warns about in any new user folder; every other warning or error counts. */
const FRESH_USER_DIR_WARNINGS = [/\[warn\] Projects disabled : /, /\[warn\] Encrypted credentials not found$/];

/** Log lines that are warnings or errors, other than a new user folder's. A node that fails to load shows here. */
function problems(log: string): string[] {
  return log
    .split('\n')
    .filter((line) => /\[(error|warn)\]|Failed to register|missing types/i.test(line))
    .filter((line) => !FRESH_USER_DIR_WARNINGS.some((known) => known.test(line)));
}

/** Waits for a condition on a live value, or fails saying what it waited for and what Node-RED printed. */
async function until<T>(what: string, probe: () => T | undefined | false, nodeRed: NodeRedInstance, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    await sleep(100);
  }
  throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}\nNode-RED said:\n${nodeRed.log}`);
}

describe.each(RELEASES)('$title', (release: Release) => {
  const packed = inject('packed');
  // Distinct per run, so finding it anywhere can only mean it leaked.
  const apiKey = `sk-e2e-node-red-${randomBytes(12).toString('hex')}`;
  let sandbox: Sandbox;
  let nodeRed: NodeRedInstance;
  let installed: string;
  let examples: ExampleFlows;

  beforeAll(async () => {
    sandbox = await startSandbox({ paired: true, apiKeys: [apiKey] });
    nodeRed = await NodeRedInstance.create(release);
    nodeRed.installPackage(packed.tarball);
    installed = join(nodeRed.userDir, 'node_modules', PACKAGE_NAME);
    await nodeRed.start();
    examples = exampleFlows(installed, { sandboxUrl: sandbox.url, publicBaseUrl: nodeRed.url, apiKey });
  });

  afterAll(async () => {
    await nodeRed?.dispose();
    await sandbox?.close();
  });

  test('runs the Node-RED and the Node it is meant to', async () => {
    expect(nodeRed.log).toContain(`Node-RED version: v${release.nodeRedVersion}\n`);
    expect(nodeRed.log).toContain(`Node.js  version: v${release.nodeVersion}\n`);
    const settings = JSON.parse((await nodeRed.admin('GET', '/settings')).text) as { version: string };
    expect(settings.version).toBe(release.nodeRedVersion);
  });

  test('npm put the package in the user folder as a plain folder, with its own dependencies', () => {
    expect(lstatSync(installed).isSymbolicLink()).toBe(false);
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { version: string };
    expect(manifest.version).toBe(packed.version);
    const project = JSON.parse(readFileSync(join(nodeRed.userDir, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(project.dependencies[PACKAGE_NAME]).toMatch(/\.tgz$/);
    expect(lstatSync(join(nodeRed.userDir, 'node_modules', 'undici')).isDirectory()).toBe(true);
    // The login QR is drawn by the bundled core: no QR library comes along.
    expect(existsSync(join(nodeRed.userDir, 'node_modules', 'qrcode'))).toBe(false);
  });

  test('loads the four nodes and their editor code, with no load errors or warnings', async () => {
    const sets = JSON.parse((await nodeRed.admin('GET', '/nodes')).text) as Array<{
      module: string;
      types: string[];
      enabled: boolean;
      err?: string;
      version: string;
    }>;
    const ours = sets.filter((set) => set.module === PACKAGE_NAME);
    expect(
      ours
        .map((set) => ({ types: set.types, enabled: set.enabled, err: set.err, version: set.version }))
        .sort((a, b) => a.types[0]!.localeCompare(b.types[0]!)),
    ).toEqual(NODE_TYPES.map((type) => ({ types: [type], enabled: true, err: undefined, version: packed.version })));
    const editor = (await nodeRed.admin('GET', '/nodes', undefined, { accept: 'text/html' })).text;
    for (const type of NODE_TYPES) expect(editor).toContain(`RED.nodes.registerType('${type}'`);
    expect(problems(nodeRed.log)).toEqual([]);
  });

  test('an inject, triggered through the admin API, sends its message through the sandbox', async () => {
    await nodeRed.deploy(examples.flows);
    const triggered = await nodeRed.admin('POST', `/inject/${examples.inject.id}`);
    expect(triggered.status).toBe(200);
    const sent = await until(
      'the message in the outbox',
      () => sandbox.state.outbox.find((entry) => entry.body === examples.inject.payload),
      nodeRed,
    );
    expect(sent).toMatchObject({ kind: 'number', to: examples.inject.phoneNumber.replace(/\D/g, '').replace(/^0/, '62') });
    // The example checks the number first: the send node asked the service (with the key), then sent.
    const calls = sandbox.state.requests
      .filter((request) => request.operation !== 'webhook')
      .map((request) => `${request.operation} ${request.status}`);
    expect(calls).toEqual(['check-number 200', 'message 200']);
  });

  test('the trigger registered its webhook on deploy, and an inbound message gets the auto-reply', async () => {
    expect(sandbox.state.webhook).toBe(`${nodeRed.url}${examples.triggerPath}`);
    const before = sandbox.state.outbox.length;
    for (const message of ['Jam berapa buka?', 'Halo, pesanan saya sudah dikirim?']) {
      const delivery = await sandbox.inject({ from: '0813-1111-2222', message });
      expect(delivery.status).toBe(200);
    }
    const replies = await until(
      'both replies in the outbox',
      () => sandbox.state.outbox.length >= before + 2 && sandbox.state.outbox.slice(before),
      nodeRed,
    );
    expect(replies.map((entry) => ({ to: entry.to, body: entry.body }))).toEqual([
      { to: '6281311112222', body: 'Kami buka setiap hari pukul 09.00–21.00. Terima kasih!' },
      { to: '6281311112222', body: 'Terima kasih, pesan Anda "Halo, pesanan saya sudah dikirim?" sudah kami terima. Admin akan segera membalas.' },
    ]);
  });

  test('nothing went wrong on the way: no warning or error in the log', () => {
    expect(nodeRed.log).toContain('[info] Started flows');
    expect(problems(nodeRed.log)).toEqual([]);
  });

  test('the API key is in no log line, no exported flow and no file in the clear', async () => {
    const exported = await nodeRed.admin('GET', '/flows');
    expect(exported.status).toBe(200);
    expect(exported.text).toContain('blazwa-config');
    expect(exported.text).not.toContain(apiKey);
    expect(nodeRed.log).not.toContain(apiKey);
    // Node-RED keeps credentials encrypted with credentialSecret; the flow file has none.
    expect(readFileSync(join(nodeRed.userDir, 'flows.json'), 'utf8')).not.toContain(apiKey);
    expect(readFileSync(join(nodeRed.userDir, 'flows_cred.json'), 'utf8')).not.toContain(apiKey);
    // The service did get it: the key is kept from people, not from the API.
    expect(sandbox.state.requests.length).toBeGreaterThan(0);
    expect(sandbox.state.requests.every((request) => request.status === 200)).toBe(true);
  });
});
