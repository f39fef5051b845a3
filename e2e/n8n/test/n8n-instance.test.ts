// The packed n8n-nodes-blazwa in real n8n instances (2.x and 1.x): installed with npm as a community node, workflows
// imported and executed from the CLI, and the Blazwa Trigger activated on a running instance, all against the sandbox.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { startSandbox, type Sandbox } from '@blazwa/sandbox';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { N8nInstance, progress, RELEASES, signInAsNewOwner, type Release, type Session } from '@blazwa/n8n-harness';
import { packedNodes } from './helpers/packed-nodes.ts';
import { AUTO_REPLY, CHECK, credentialFile, QR, SEND, workflowFile } from './helpers/workflows.ts';
import { until as waitUntil, type Probe } from './helpers/until.ts';

interface Item {
  json: Record<string, unknown>;
  binary?: Record<string, { mimeType: string; fileName?: string; fileExtension?: string; data?: string; id?: string; bytes?: number }>;
}
interface Run {
  status?: string;
  data: { resultData: { error?: unknown; runData: Record<string, Array<{ data: { main: Item[][] } }>> } };
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const tarball = packedNodes('work');

/** Waits for a condition on a live value, or fails saying what it waited for (and what n8n said). */
function until<T>(what: string, probe: Probe<T>, n8n?: N8nInstance, timeoutMs = 60_000): Promise<T> {
  return waitUntil(what, probe, timeoutMs, () => (n8n ? `n8n said:\n${n8n.log}` : ''));
}

/**
 * `n8n execute --id --rawOutput`: the run, printed as indented JSON from a `{` line to a `}` line, with whatever
 * n8n logs before and after it (its task runner may register after the run is printed).
 */
async function execute(n8n: N8nInstance, id: string): Promise<{ run: Run; stdout: string }> {
  const stdout = await n8n.cliOk(['execute', `--id=${id}`, '--rawOutput']);
  const json = /^\{$[\s\S]*?^\}$/m.exec(stdout);
  if (!json) throw new Error(`n8n execute printed no run:\n${stdout}`);
  return { run: JSON.parse(json[0]) as Run, stdout };
}

function blazwaOutput(run: Run): Item[] {
  return run.data.resultData.runData['Blazwa']![0]!.data.main[0]!;
}

/** A binary item's bytes: inline base64 (n8n 1's default mode) or a file in the user folder (n8n 2's filesystem-v2). */
function binaryBytes(n8n: N8nInstance, file: NonNullable<Item['binary']>[string]): Buffer {
  if (file.id?.startsWith('filesystem-v2:')) {
    return readFileSync(join(n8n.userFolder, '.n8n', 'storage', file.id.slice('filesystem-v2:'.length)));
  }
  return Buffer.from(file.data ?? '', 'base64');
}

describe.each(RELEASES)('$title', (release: Release) => {
  let sandbox: Sandbox;
  let n8n: N8nInstance;

  beforeAll(async () => {
    // A key of its own, so "the key appears nowhere" means something.
    sandbox = await startSandbox({ paired: true, apiKeys: [`e2e-${randomBytes(12).toString('hex')}`] });
    n8n = await N8nInstance.create(release);
    n8n.installCommunityNode(tarball());
    progress(`${release.title}: installed the tarball into ${n8n.userFolder}/.n8n/nodes`);

    await n8n.importFixtures({ credentials: credentialFile(sandbox.url, sandbox.apiKey), workflows: workflowFile() });
  });

  afterAll(async () => {
    await n8n?.dispose();
    await sandbox?.close();
  });

  describe('n8n execute --id, with the packed node installed as a community node', () => {
    test('Send to Number delivers the message to the normalized number, and the output holds no API key', async () => {
      sandbox.reset();
      const { run, stdout } = await execute(n8n, SEND.id);

      expect(run.data.resultData.error).toBeUndefined();
      expect(sandbox.state.outbox).toEqual([expect.objectContaining({ kind: 'number', to: '6281234567890', body: SEND.message })]);
      const [item] = blazwaOutput(run);
      expect(item!.json).toMatchObject({ id: sandbox.state.outbox[0]!.id, to: '6281234567890', body: SEND.message });
      expect(stdout).not.toContain(sandbox.apiKey);
    });

    test('Check tells a number on WhatsApp, normalized', async () => {
      const { run } = await execute(n8n, CHECK.id);

      expect(blazwaOutput(run).map((item) => item.json)).toEqual([expect.objectContaining({ phoneNumber: '6281311112222', isRegistered: true })]);
    });

    test('Get QR returns the login QR code as a PNG file', async () => {
      sandbox.unpair();
      try {
        const { run } = await execute(n8n, QR.id);
        const [item] = blazwaOutput(run);
        expect(item!.json).toEqual({ mimeType: 'image/png', fileName: 'blazwa-qr.png' });
        const file = item!.binary?.['data'];
        expect(file).toMatchObject({ mimeType: 'image/png', fileName: 'blazwa-qr.png' });
        const bytes = binaryBytes(n8n, file!);
        expect(bytes.subarray(0, 8)).toEqual(PNG_SIGNATURE);
        if (file!.bytes !== undefined) expect(bytes.length).toBe(file!.bytes);
      } finally {
        sandbox.pair();
      }
    });
  });

  describe('a running n8n with the auto-reply example active', () => {
    let session: Session;

    beforeAll(async () => {
      sandbox.reset();
      // Marked active before start, as the CLI documents: the instance activates it on start.
      await n8n.cliOk(release.activateArgs(AUTO_REPLY.id));
      await n8n.start();
      session = await signInAsNewOwner(n8n.url);
    });

    test('activating it registered its webhook URL, with a secret, at the service', async () => {
      const webhook = await until('the Blazwa Trigger to register its webhook', () => sandbox.state.webhook ?? undefined, n8n);
      const url = new URL(webhook);
      expect(url.origin).toBe(n8n.url);
      expect(url.pathname).toMatch(/^\/webhook\/[^/]+\/webhook$/);
      expect(url.searchParams.get('secret')).toMatch(/.{16,}/);
    });

    test('an incoming message runs the workflow: the execution succeeds with the message in it, and the reply goes out', async () => {
      sandbox.reset();
      const incoming = { from: '6281298765432', message: 'Apakah toko buka hari Minggu?' };
      const delivery = await sandbox.inject(incoming);
      expect(delivery.status).toBe(200);

      const reply = await until('the auto-reply in the outbox', () => sandbox.state.outbox.find((entry) => entry.to === incoming.from), n8n);
      expect(reply.body).toContain(`"${incoming.message}" sudah kami terima`);

      type Summary = { id: string; workflowId: string; status: string; mode: string };
      const filter = encodeURIComponent(JSON.stringify({ workflowId: AUTO_REPLY.id }));
      const execution = await until(
        'the trigger execution to finish',
        async () => {
          const { results } = await session.request<{ results: Summary[] }>('GET', `/executions?filter=${filter}`);
          return results.find((summary: Summary) => summary.status !== 'running' && summary.status !== 'new');
        },
        n8n,
      );
      expect(execution).toMatchObject({ workflowId: AUTO_REPLY.id, status: 'success', mode: 'webhook' });
      const detail = await session.request<{ data: string }>('GET', `/executions/${execution.id}`);
      expect(detail.data).toContain(incoming.message);
      expect(detail.data).toContain(incoming.from);
      expect(detail.data).not.toContain(sandbox.apiKey);
    });

    test('a delivery without the registered secret is refused', async () => {
      const webhook = new URL(sandbox.state.webhook!);
      webhook.searchParams.delete('secret');
      const response = await fetch(webhook, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ from: '6281298765432', message: 'tanpa rahasia' }),
      });
      expect(response.status).toBe(401);
    });

    test('deactivating it resets the webhook at the service, and n8n never logged the API key', async () => {
      expect(sandbox.state.webhook).not.toBeNull();
      await release.deactivate(session, AUTO_REPLY.id);
      await until('the webhook to be reset', () => (sandbox.state.webhook === null ? true : undefined), n8n, 30_000);
      expect(sandbox.state.requests.filter((entry) => entry.path.endsWith('/webhook/reset'))).toEqual([expect.objectContaining({ status: 200 })]);
      expect(n8n.log).not.toContain(sandbox.apiKey);
    });
  });
});
