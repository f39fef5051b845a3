// The account has one webhook and the service cannot say whose it is: the Blazwa Trigger must never leave a
// published workflow deaf. Driven as a user does it in n8n 2 and 1 (publish, unpublish, "Execute step" to listen for
// a test event, restart), through the editor's REST API, with messages injected at the sandbox. After every step each
// message reached exactly the workflow the README says: counted in the outbox (each workflow's reply carries its
// tag) and in the executions list.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startSandbox, type Sandbox } from '@blazwa/sandbox';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { N8N_2, N8nInstance, packNodesPackage, progress, RELEASES, signIn, signInAsNewOwner, type Release, type Session } from '@blazwa/n8n-harness';
import { replyWorkflow, TRIGGER_NODE, type ReplyWorkflow } from './helpers/trigger-workflows.ts';
import { credentialFile } from './helpers/workflows.ts';
import { until as waitUntil, type Probe } from './helpers/until.ts';

const A: ReplyWorkflow = { id: 'blazwaOwnerWfA01', name: 'Shop replies', tag: '[A]', webhookId: '6c1f7a52-0d4e-4b8a-9f3c-1a2b3c4d5e01' };
/** What *Duplicate* makes of A: the same nodes, its own ids and webhook path. */
const B: ReplyWorkflow = { id: 'blazwaOwnerWfB01', name: 'Shop replies (copy)', tag: '[B]', webhookId: '6c1f7a52-0d4e-4b8a-9f3c-1a2b3c4d5e02' };
/** The same account through a second credential (same server, same key). */
const C: ReplyWorkflow = { id: 'blazwaOwnerWfC01', name: 'Second credential', tag: '[C]', webhookId: '6c1f7a52-0d4e-4b8a-9f3c-1a2b3c4d5e03' };
const SECOND_CREDENTIAL = { id: 'blazwaE2eCred02', name: 'Blazwa sandbox, again' };
const WORKFLOWS = [A, B, C];

type Status = { status: string; triggers: Array<{ nodeId: string; status: string; errorMessage: string | null }> };
type Summary = { id: string; workflowId: string; status: string; mode: string };

let sandbox: Sandbox;
let n8n: N8nInstance;
let session: Session;
let workDir: string;
const logFile = () => join(workDir, 'n8n.log');

const until = <T>(what: string, probe: Probe<T>, timeoutMs = 60_000): Promise<T> => waitUntil(what, probe, timeoutMs, () => `n8n said:\n${n8n.log}`);

interface Publication {
  published: boolean;
  /** Why n8n did not publish it: the trigger's activation error. */
  error?: string;
}

let release: Release;

/** n8n 2 applies a publication in the background and reports it per trigger. */
async function publicationStatus(workflow: ReplyWorkflow): Promise<Status> {
  return await session.request<Status>('GET', `/workflows/${workflow.id}/publication-status`);
}

/**
 * The Blazwa Trigger's own line in n8n 2's publication status. The workflow's Blazwa action node has one too: it has
 * Send and Wait's resume webhooks, as n8n's own send-and-wait nodes do, so a refused trigger leaves the workflow
 * partly published, with the reason on the trigger's line.
 */
function blazwaTrigger(status: Status, workflow: ReplyWorkflow): Status['triggers'][number] {
  const trigger = status.triggers.find((entry) => entry.nodeId === `${workflow.id}-trigger`);
  expect(trigger, `${workflow.name}'s Blazwa Trigger in ${JSON.stringify(status)}`).toBeDefined();
  return trigger!;
}

/** The editor's Publish (n8n 2) or Active switch (n8n 1): activates the saved version. */
async function publish(workflow: ReplyWorkflow): Promise<Publication> {
  const { versionId } = await session.request<{ versionId: string }>('GET', `/workflows/${workflow.id}`);
  if (release !== N8N_2) {
    // n8n 1 activates while the request waits, and answers an activation error with 400.
    try {
      await session.request('POST', `/workflows/${workflow.id}/activate`, { versionId });
      return { published: true };
    } catch (error) {
      const answer = /: 400 (\{.*\})$/s.exec((error as Error).message);
      if (!answer) throw error;
      return { published: false, error: (JSON.parse(answer[1]!) as { message: string }).message };
    }
  }
  await session.request('POST', `/workflows/${workflow.id}/activate`, { versionId });
  // n8n retries a failing trigger activation for about 15 s before it reports it.
  const status = await until(
    `${workflow.name} to be published or refused`,
    async () => {
      const current = await publicationStatus(workflow);
      return current.status === 'in_progress' || current.status === 'not_published' ? undefined : current;
    },
    90_000,
  );
  const trigger = blazwaTrigger(status, workflow);
  return trigger.status === 'failed' ? { published: false, error: trigger.errorMessage ?? '' } : { published: true };
}

async function unpublish(workflow: ReplyWorkflow): Promise<void> {
  await session.request('POST', `/workflows/${workflow.id}/deactivate`, {});
  if (release === N8N_2) {
    await until(`${workflow.name} to be unpublished`, async () =>
      (await publicationStatus(workflow)).status === 'not_published' ? true : undefined,
    );
  }
}

/** The error n8n shows for a published workflow whose trigger failed to activate, if any. */
async function activationError(workflow: ReplyWorkflow): Promise<string | null> {
  if (release === N8N_2) {
    // Polled: while n8n is still publishing there is no line for the trigger yet.
    const trigger = (await publicationStatus(workflow)).triggers.find((entry) => entry.nodeId === `${workflow.id}-trigger`);
    return trigger?.status === 'failed' ? trigger.errorMessage : null;
  }
  return await session.request<string | null>('GET', `/active-workflows/error/${workflow.id}`);
}

/** "Execute step" on the trigger: listen for a test event (n8n 1 sends the workflow along). */
async function listen(workflow: ReplyWorkflow): Promise<void> {
  const body: Record<string, unknown> = { triggerToStartFrom: { name: TRIGGER_NODE } };
  if (release !== N8N_2) body.workflowData = await session.request('GET', `/workflows/${workflow.id}`);
  const run = await session.request<{ waitingForWebhook?: boolean }>('POST', `/workflows/${workflow.id}/run`, body);
  expect(run.waitingForWebhook).toBe(true);
}

/** The URL (without the secret) the account's webhook points at, and whether it carries a secret. */
function accountWebhook(): { url: string | null; secret: string | null } {
  if (sandbox.state.webhook === null) return { url: null, secret: null };
  const url = new URL(sandbox.state.webhook);
  const secret = url.searchParams.get('secret');
  url.search = '';
  return { url: url.toString(), secret };
}

const productionUrl = (workflow: ReplyWorkflow) => `${n8n.url}/webhook/${workflow.webhookId}/webhook`;
const testUrl = (workflow: ReplyWorkflow) => `${n8n.url}/webhook-test/${workflow.webhookId}/webhook`;

async function waitForWebhook(url: string | null): Promise<void> {
  await until(`the account's webhook to be ${url ?? 'reset'}`, () => (accountWebhook().url === url ? true : undefined), 30_000);
}

/** Production (webhook-mode) executions of each workflow so far. */
async function productionRuns(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const workflow of WORKFLOWS) {
    const filter = encodeURIComponent(JSON.stringify({ workflowId: workflow.id }));
    const { results } = await session.request<{ results: Summary[] }>('GET', `/executions?filter=${filter}&limit=100`);
    counts[workflow.tag] = results.filter((run) => run.mode === 'webhook').length;
  }
  return counts;
}

let step = 0;
/**
 * Sends `count` messages to the account and waits until each got a reply; returns, for each message, the tags of
 * the workflows that answered it ('[A]', or '[A]+[B]' had two answered).
 */
async function deliver(count: number): Promise<string[]> {
  step++;
  const messages = Array.from({ length: count }, (_, index) => `step ${step} message ${index + 1}`);
  for (const message of messages) {
    const delivery = await sandbox.inject({ from: '6281298765432', message });
    expect(delivery.status, `delivery of "${message}"`).toBe(200);
  }
  return await until(`a reply to each of ${count} messages`, () => {
    const answered = messages.map((message) => sandbox.state.outbox.filter((entry) => entry.body.endsWith(` ${message}`)));
    return answered.every((replies) => replies.length >= 1)
      ? answered.map((replies) => replies.map((reply) => reply.body.split(' ')[0]).join('+'))
      : undefined;
  });
}

let seenRuns: Record<string, number> = {};
/**
 * Production executions of each workflow since the last call, once `expected` of them are listed (n8n lists an
 * execution when it has saved it). A run beyond those would show in the next step's count.
 */
async function runsSinceLastCheck(expected: number): Promise<Record<string, number>> {
  const delta = (now: Record<string, number>) => Object.fromEntries(Object.entries(now).map(([tag, n]) => [tag, n - (seenRuns[tag] ?? 0)]));
  const runs = await until(`${expected} new executions in the list`, async () => {
    const current = await productionRuns();
    return Object.values(delta(current)).reduce((sum, n) => sum + n, 0) >= expected ? current : undefined;
  });
  const result = delta(runs);
  seenRuns = runs;
  return result;
}

async function setWebhookElsewhere(url: string): Promise<void> {
  const response = await fetch(`${sandbox.url}/openapi/wa/webhook`, {
    method: 'POST',
    headers: { 'x-api-key': sandbox.apiKey, 'content-type': 'application/json' },
    body: JSON.stringify({ webhook: url }),
  });
  expect(response.status).toBe(200);
}

describe.each(RELEASES)('$title: one published Blazwa Trigger per account, never deaf', (current: Release) => {
  beforeAll(async () => {
    release = current;
    step = 0;
    seenRuns = {};
    workDir = mkdtempSync(join(tmpdir(), 'blazwa-e2e-n8n-owner-'));
    const tarball = packNodesPackage(workDir);
    sandbox = await startSandbox({ paired: true, apiKeys: [`e2e-${randomBytes(12).toString('hex')}`] });
    n8n = await N8nInstance.create(release, { logFile: logFile() });
    n8n.installCommunityNode(tarball);

    await n8n.importFixtures({
      credentials: [
        ...credentialFile(sandbox.url, sandbox.apiKey),
        { ...SECOND_CREDENTIAL, type: 'blazwaApi', data: { server: 'custom', baseUrl: `${sandbox.url}/`, apiKey: sandbox.apiKey } },
      ],
      workflows: [replyWorkflow(A), replyWorkflow(B), replyWorkflow(C, SECOND_CREDENTIAL)],
    });
    await n8n.start();
    session = await signInAsNewOwner(n8n.url);
    progress(`${release.title}: ${WORKFLOWS.length} workflows imported, n8n running`);
  });

  afterAll(async () => {
    await n8n?.dispose();
    await sandbox?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  test('A published: the account delivers to A, with its secret', async () => {
    expect(await publish(A)).toEqual({ published: true });
    await waitForWebhook(productionUrl(A));
    expect(accountWebhook().secret).toMatch(/^[0-9a-f]{32}$/);

    expect(await deliver(3)).toEqual(['[A]', '[A]', '[A]']);
    expect(await runsSinceLastCheck(3)).toEqual({ '[A]': 3, '[B]': 0, '[C]': 0 });
  });

  test("B (A duplicated) published: refused, naming A; A keeps the account's messages", async () => {
    const webhookBefore = sandbox.state.webhook;
    expect(await publish(B)).toEqual({
      published: false,
      error: `Workflow '${A.name}' already receives this account's messages: unpublish it first`,
    });
    expect(sandbox.state.webhook).toBe(webhookBefore);
    expect(await deliver(3)).toEqual(['[A]', '[A]', '[A]']);
    expect(await runsSinceLastCheck(3)).toEqual({ '[A]': 3, '[B]': 0, '[C]': 0 });
  });

  test('the same account through another credential is refused too', async () => {
    expect(await publish(C)).toEqual({
      published: false,
      error: `Workflow '${A.name}' already receives this account's messages: unpublish it first`,
    });
    expect(await deliver(2)).toEqual(['[A]', '[A]']);
    expect(await runsSinceLastCheck(2)).toEqual({ '[A]': 2, '[B]': 0, '[C]': 0 });
    await unpublish(C);
  });

  test("B's refused publish left nothing behind: unpublishing B keeps A receiving", async () => {
    await unpublish(B);

    expect(accountWebhook().url).toBe(productionUrl(A));
    expect(await deliver(2)).toEqual(['[A]', '[A]']);
    expect(await runsSinceLastCheck(2)).toEqual({ '[A]': 2, '[B]': 0, '[C]': 0 });
  });

  test('A unpublished, then B published: B receives everything', async () => {
    await unpublish(A);
    await waitForWebhook(null);
    await expect(sandbox.inject({ from: '6281298765432', message: 'nobody listens' })).rejects.toThrow(/No webhook is set/);

    expect(await publish(B)).toEqual({ published: true });
    await waitForWebhook(productionUrl(B));
    expect(await deliver(3)).toEqual(['[B]', '[B]', '[B]']);
    expect(await runsSinceLastCheck(3)).toEqual({ '[A]': 0, '[B]': 3, '[C]': 0 });
  });

  test('listening for a test event on published B takes one message, then production receives again', async () => {
    const { secret } = accountWebhook();
    await listen(B);
    await waitForWebhook(testUrl(B));

    // The one test message went to the test URL and passed the test's own secret check.
    const delivery = await sandbox.inject({ from: '6281298765432', message: 'for the test listen' });
    expect(new URL(delivery.url).pathname).toBe(new URL(testUrl(B)).pathname);
    expect(delivery.status).toBe(200);
    // The test run is the whole workflow: it replied once.
    const testReply = await until('the test run to reply', () => {
      const replies = sandbox.state.outbox.filter((entry) => entry.body.endsWith(' for the test listen'));
      return replies.length > 0 ? replies : undefined;
    });
    expect(testReply.map((entry) => entry.body)).toEqual(['[B] for the test listen']);
    // It ended the listen: the webhook is production's again, with production's secret.
    await waitForWebhook(productionUrl(B));
    expect(accountWebhook().secret).toBe(secret);

    expect(await deliver(3)).toEqual(['[B]', '[B]', '[B]']);
    expect(await runsSinceLastCheck(3)).toEqual({ '[A]': 0, '[B]': 3, '[C]': 0 });
  });

  test('stopping a test listen (of B, or of unpublished A) gives the webhook back to B', async () => {
    const { secret } = accountWebhook();
    for (const workflow of [B, A]) {
      await listen(workflow);
      await waitForWebhook(testUrl(workflow));
      await session.request('DELETE', `/test-webhook/${workflow.id}`);
      await waitForWebhook(productionUrl(B));
      expect(accountWebhook().secret).toBe(secret);
    }

    expect(await deliver(2)).toEqual(['[B]', '[B]']);
    expect(await runsSinceLastCheck(2)).toEqual({ '[A]': 0, '[B]': 2, '[C]': 0 });
  });

  test('after a restart, published B receives again, even when its webhook was changed meanwhile', async () => {
    await setWebhookElsewhere('http://127.0.0.1:9/set-in-the-dashboard');
    await n8n.stop();
    await n8n.start();
    // The owner set up before the restart signs in again, as on the editor's login page.
    session = await signIn(n8n.url, 'owner@e2e.example', 'E2e-owner-password-1');

    await waitForWebhook(productionUrl(B));
    expect(await deliver(3)).toEqual(['[B]', '[B]', '[B]']);
    expect(await runsSinceLastCheck(3)).toEqual({ '[A]': 0, '[B]': 3, '[C]': 0 });
  });

  test('unpublishing B while A listens for a test event leaves the webhook to the test; its end resets it', async () => {
    await listen(A);
    await waitForWebhook(testUrl(A));
    await unpublish(B);
    expect(accountWebhook().url).toBe(testUrl(A));

    await session.request('DELETE', `/test-webhook/${A.id}`);
    await waitForWebhook(null);
    expect(await runsSinceLastCheck(0)).toEqual({ '[A]': 0, '[B]': 0, '[C]': 0 });
  });

  test('two published for one account when n8n starts: one receives, the other is told which one', async () => {
    await n8n.stop();
    await n8n.cliOk(release.activateArgs(A.id));
    await n8n.cliOk(release.activateArgs(B.id));
    await n8n.start();
    session = await signIn(n8n.url, 'owner@e2e.example', 'E2e-owner-password-1');

    const winner = await until('one of them to take the webhook', () => [A, B].find((workflow) => accountWebhook().url === productionUrl(workflow)));
    const loser = winner === A ? B : A;
    expect(await until(`${loser.name}'s activation error`, async () => (await activationError(loser)) ?? undefined, 90_000)).toBe(
      `Workflow '${winner.name}' already receives this account's messages: unpublish it first`,
    );
    expect(accountWebhook().url).toBe(productionUrl(winner));
    expect(await deliver(2)).toEqual([winner.tag, winner.tag]);
    expect(await runsSinceLastCheck(2)).toEqual({ '[A]': 0, '[B]': 0, '[C]': 0, [winner.tag]: 2 });
  });

  test('n8n never logged the API key or a webhook secret', () => {
    const log = readFileSync(logFile(), 'utf8');
    expect(log).not.toContain(sandbox.apiKey);
    for (const url of sandbox.state.requests.map((request) => String((request.body as { webhook?: string } | undefined)?.webhook ?? ''))) {
      const secret = url ? new URL(url).searchParams.get('secret') : null;
      if (secret) expect(log).not.toContain(secret);
    }
  });
});
