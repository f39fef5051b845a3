// The Blazwa Trigger's ownership sequences (publish, unpublish, "Execute step" to listen for a test event, restart),
// driven as a user does it through the editor's REST API, with messages injected at the sandbox. Defined once and run
// against one n8n process (trigger-ownership.test.ts) and a queue-mode cluster (queue-mode.test.ts): after every
// step each message reached exactly the workflow the README says, counted in the outbox (each workflow's reply
// carries its tag) and in the executions.
import type { Sandbox } from '@blazwa/sandbox';
import { blazwaCredential } from '@blazwa/test-support/n8n-workflows';
import { expect, test } from 'vitest';

import { N8N_2, progress, type Release, type Session } from '@blazwa/n8n-harness';
import { replyWorkflow, TRIGGER_NODE, type ReplyWorkflow } from './trigger-workflows.ts';
import { until as waitUntil, type Probe } from './until.ts';

export const A: ReplyWorkflow = { id: 'blazwaOwnerWfA01', name: 'Shop replies', tag: '[A]', webhookId: '6c1f7a52-0d4e-4b8a-9f3c-1a2b3c4d5e01' };
/** What *Duplicate* makes of A: the same nodes, its own ids and webhook path. */
export const B: ReplyWorkflow = {
  id: 'blazwaOwnerWfB01',
  name: 'Shop replies (copy)',
  tag: '[B]',
  webhookId: '6c1f7a52-0d4e-4b8a-9f3c-1a2b3c4d5e02',
};
/** The same account through a second credential (same server, same key). */
export const C: ReplyWorkflow = { id: 'blazwaOwnerWfC01', name: 'Second credential', tag: '[C]', webhookId: '6c1f7a52-0d4e-4b8a-9f3c-1a2b3c4d5e03' };
export const OWNER_WORKFLOWS = [A, B, C];
const OWNER_CREDENTIAL = { id: 'blazwaOwnerCred01', name: 'Blazwa shop account' };
const SECOND_CREDENTIAL = { id: 'blazwaOwnerCred02', name: 'Blazwa shop account, again' };

/** Two credentials of one account (n8n's export format, `data` in the clear); the second writes the URL with a slash. */
export function ownershipCredentialFile(baseUrl: string, apiKey: string): object[] {
  return [
    blazwaCredential(OWNER_CREDENTIAL, { server: 'custom', baseUrl, apiKey }),
    blazwaCredential(SECOND_CREDENTIAL, { server: 'custom', baseUrl: `${baseUrl}/`, apiKey }),
  ];
}

/** A and B (A duplicated) on the first credential, C on the second. */
export function ownershipWorkflowFile(): object[] {
  return [replyWorkflow(A, OWNER_CREDENTIAL), replyWorkflow(B, OWNER_CREDENTIAL), replyWorkflow(C, SECOND_CREDENTIAL)];
}

/** Where the sequences run: one n8n process, or a queue-mode cluster's main and webhook process. */
export interface OwnershipTarget {
  /** Where, in the counts printed after each step. */
  title: string;
  release: Release;
  /** The account the three workflows share. */
  sandbox: Sandbox;
  /** The editor's session on the (main) process; a restart signs in again. */
  session: Session;
  /** The URL the service must deliver to while the workflow is published (the webhook process's in queue mode). */
  productionUrl(workflow: ReplyWorkflow): string;
  /** The URL a test listen registers (always main's). */
  testUrl(workflow: ReplyWorkflow): string;
  /** Production (webhook-mode) executions of each workflow so far, by tag. */
  productionRuns(): Promise<Record<string, number>>;
  /** Stops the (main) process, runs `before` with it down, starts it and signs in again. */
  restart(before?: () => Promise<void>): Promise<void>;
  /** Publishes the workflow from the command line (while n8n is down). */
  activate(workflow: ReplyWorkflow): Promise<void>;
  /** What the n8n processes printed, for a failure's message. */
  said(): string;
  /** Every n8n process's whole log. */
  logs(): string[];
}

type Status = { status: string; triggers: Array<{ nodeId: string; status: string; errorMessage: string | null }> };

interface Publication {
  published: boolean;
  /** Why n8n did not publish it: the trigger's activation error. */
  error?: string;
}

/** Registers the sequences as tests of the enclosing describe; `target` is read once its beforeAll has run. */
export function ownershipSequences(target: () => OwnershipTarget): void {
  let step = 0;
  let checks = 0;
  let seenRuns: Record<string, number> = {};
  const t = target;
  const until = <T>(what: string, probe: Probe<T>, timeoutMs = 60_000): Promise<T> => waitUntil(what, probe, timeoutMs, () => t().said());
  const taken = (holder: ReplyWorkflow) => `Workflow '${holder.name}' already receives this account's messages: unpublish it first`;

  /** n8n 2 applies a publication in the background and reports it per trigger. */
  async function publicationStatus(workflow: ReplyWorkflow): Promise<Status> {
    return await t().session.request<Status>('GET', `/workflows/${workflow.id}/publication-status`);
  }

  /**
   * The Blazwa Trigger's own line in n8n 2's publication status. The workflow's Blazwa action node has one too: it
   * has Send and Wait's resume webhooks, as n8n's own send-and-wait nodes do, so a refused trigger leaves the
   * workflow partly published, with the reason on the trigger's line.
   */
  function blazwaTrigger(status: Status, workflow: ReplyWorkflow): Status['triggers'][number] {
    const trigger = status.triggers.find((entry) => entry.nodeId === `${workflow.id}-trigger`);
    expect(trigger, `${workflow.name}'s Blazwa Trigger in ${JSON.stringify(status)}`).toBeDefined();
    return trigger!;
  }

  /** The editor's Publish (n8n 2) or Active switch (n8n 1): activates the saved version. */
  async function publish(workflow: ReplyWorkflow): Promise<Publication> {
    const { session, release } = t();
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
    await t().session.request('POST', `/workflows/${workflow.id}/deactivate`, {});
    if (t().release === N8N_2) {
      await until(`${workflow.name} to be unpublished`, async () =>
        (await publicationStatus(workflow)).status === 'not_published' ? true : undefined,
      );
    }
  }

  /** The error n8n shows for a published workflow whose trigger failed to activate, if any. */
  async function activationError(workflow: ReplyWorkflow): Promise<string | null> {
    if (t().release === N8N_2) {
      // Polled: while n8n is still publishing there is no line for the trigger yet.
      const trigger = (await publicationStatus(workflow)).triggers.find((entry) => entry.nodeId === `${workflow.id}-trigger`);
      return trigger?.status === 'failed' ? trigger.errorMessage : null;
    }
    return await t().session.request<string | null>('GET', `/active-workflows/error/${workflow.id}`);
  }

  /** "Execute step" on the trigger: listen for a test event (n8n 1 sends the workflow along). */
  async function listen(workflow: ReplyWorkflow): Promise<void> {
    const { session, release } = t();
    const body: Record<string, unknown> = { triggerToStartFrom: { name: TRIGGER_NODE } };
    if (release !== N8N_2) body.workflowData = await session.request('GET', `/workflows/${workflow.id}`);
    const run = await session.request<{ waitingForWebhook?: boolean }>('POST', `/workflows/${workflow.id}/run`, body);
    expect(run.waitingForWebhook).toBe(true);
  }

  /** The URL (without the secret) the account's webhook points at, and whether it carries a secret. */
  function accountWebhook(): { url: string | null; secret: string | null } {
    const { webhook } = t().sandbox.state;
    if (webhook === null) return { url: null, secret: null };
    const url = new URL(webhook);
    const secret = url.searchParams.get('secret');
    url.search = '';
    return { url: url.toString(), secret };
  }

  async function waitForWebhook(url: string | null): Promise<void> {
    await until(`the account's webhook to be ${url ?? 'reset'}`, () => (accountWebhook().url === url ? true : undefined), 30_000);
  }

  /**
   * Sends `count` messages to the account and waits until each got a reply; returns, for each message, the tags of
   * the workflows that answered it ('[A]', or '[A]+[B]' had two answered).
   */
  async function deliver(count: number): Promise<string[]> {
    const { sandbox } = t();
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

  /**
   * Production executions of each workflow since the last call, once `expected` of them are listed. A run beyond
   * those would show in the next step's count.
   */
  async function runsSinceLastCheck(expected: number): Promise<Record<string, number>> {
    const delta = (now: Record<string, number>) => Object.fromEntries(Object.entries(now).map(([tag, n]) => [tag, n - (seenRuns[tag] ?? 0)]));
    const runs = await until(`${expected} new executions in the list`, async () => {
      const current = await t().productionRuns();
      return Object.values(delta(current)).reduce((sum, n) => sum + n, 0) >= expected ? current : undefined;
    });
    const result = delta(runs);
    seenRuns = runs;
    const replies = t().sandbox.state.outbox.filter((entry) => entry.body.includes(` step ${step} message `)).length;
    progress(
      `${t().title}, ownership check ${++checks}: ${replies} replies to the last messages sent; production executions ` +
        Object.entries(result)
          .map(([tag, n]) => `${tag} ${n}`)
          .join(', '),
    );
    return result;
  }

  async function setWebhookElsewhere(url: string): Promise<void> {
    const { sandbox } = t();
    const response = await fetch(`${sandbox.url}/openapi/wa/webhook`, {
      method: 'POST',
      headers: { 'x-api-key': sandbox.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ webhook: url }),
    });
    expect(response.status).toBe(200);
  }

  test('A published: the account delivers to A, with its secret', async () => {
    expect(await publish(A)).toEqual({ published: true });
    await waitForWebhook(t().productionUrl(A));
    expect(accountWebhook().secret).toMatch(/^[0-9a-f]{32}$/);

    expect(await deliver(3)).toEqual(['[A]', '[A]', '[A]']);
    expect(await runsSinceLastCheck(3)).toEqual({ '[A]': 3, '[B]': 0, '[C]': 0 });
  });

  test("B (A duplicated) published: refused, naming A; A keeps the account's messages", async () => {
    const webhookBefore = t().sandbox.state.webhook;
    expect(await publish(B)).toEqual({ published: false, error: taken(A) });
    expect(t().sandbox.state.webhook).toBe(webhookBefore);
    expect(await deliver(3)).toEqual(['[A]', '[A]', '[A]']);
    expect(await runsSinceLastCheck(3)).toEqual({ '[A]': 3, '[B]': 0, '[C]': 0 });
  });

  test('the same account through another credential is refused too', async () => {
    expect(await publish(C)).toEqual({ published: false, error: taken(A) });
    expect(await deliver(2)).toEqual(['[A]', '[A]']);
    expect(await runsSinceLastCheck(2)).toEqual({ '[A]': 2, '[B]': 0, '[C]': 0 });
    await unpublish(C);
  });

  test("B's refused publish left nothing behind: unpublishing B keeps A receiving", async () => {
    await unpublish(B);

    expect(accountWebhook().url).toBe(t().productionUrl(A));
    expect(await deliver(2)).toEqual(['[A]', '[A]']);
    expect(await runsSinceLastCheck(2)).toEqual({ '[A]': 2, '[B]': 0, '[C]': 0 });
  });

  test('A unpublished, then B published: B receives everything', async () => {
    await unpublish(A);
    await waitForWebhook(null);
    await expect(t().sandbox.inject({ from: '6281298765432', message: 'nobody listens' })).rejects.toThrow(/No webhook is set/);

    expect(await publish(B)).toEqual({ published: true });
    await waitForWebhook(t().productionUrl(B));
    expect(await deliver(3)).toEqual(['[B]', '[B]', '[B]']);
    expect(await runsSinceLastCheck(3)).toEqual({ '[A]': 0, '[B]': 3, '[C]': 0 });
  });

  test('listening for a test event on published B takes one message, then production receives again', async () => {
    const { sandbox } = t();
    const { secret } = accountWebhook();
    await listen(B);
    await waitForWebhook(t().testUrl(B));

    // The one test message went to the test URL (main's) and passed the test's own secret check.
    const delivery = await sandbox.inject({ from: '6281298765432', message: 'for the test listen' });
    const deliveredTo = new URL(delivery.url);
    deliveredTo.search = '';
    expect(deliveredTo.toString()).toBe(t().testUrl(B));
    expect(delivery.status).toBe(200);
    // The test run is the whole workflow: it replied once.
    const testReply = await until('the test run to reply', () => {
      const replies = sandbox.state.outbox.filter((entry) => entry.body.endsWith(' for the test listen'));
      return replies.length > 0 ? replies : undefined;
    });
    expect(testReply.map((entry) => entry.body)).toEqual(['[B] for the test listen']);
    // It ended the listen: the webhook is production's again, with production's secret.
    await waitForWebhook(t().productionUrl(B));
    expect(accountWebhook().secret).toBe(secret);

    expect(await deliver(3)).toEqual(['[B]', '[B]', '[B]']);
    expect(await runsSinceLastCheck(3)).toEqual({ '[A]': 0, '[B]': 3, '[C]': 0 });
  });

  test('stopping a test listen (of B, or of unpublished A) gives the webhook back to B', async () => {
    const { secret } = accountWebhook();
    for (const workflow of [B, A]) {
      await listen(workflow);
      await waitForWebhook(t().testUrl(workflow));
      await t().session.request('DELETE', `/test-webhook/${workflow.id}`);
      await waitForWebhook(t().productionUrl(B));
      expect(accountWebhook().secret).toBe(secret);
    }

    expect(await deliver(2)).toEqual(['[B]', '[B]']);
    expect(await runsSinceLastCheck(2)).toEqual({ '[A]': 0, '[B]': 2, '[C]': 0 });
  });

  test('after a restart, published B receives again, even when its webhook was changed meanwhile', async () => {
    await setWebhookElsewhere('http://127.0.0.1:9/set-in-the-dashboard');
    await t().restart();

    await waitForWebhook(t().productionUrl(B));
    expect(await deliver(3)).toEqual(['[B]', '[B]', '[B]']);
    expect(await runsSinceLastCheck(3)).toEqual({ '[A]': 0, '[B]': 3, '[C]': 0 });
  });

  test('unpublishing B while A listens for a test event leaves the webhook to the test; its end resets it', async () => {
    await listen(A);
    await waitForWebhook(t().testUrl(A));
    await unpublish(B);
    expect(accountWebhook().url).toBe(t().testUrl(A));

    await t().session.request('DELETE', `/test-webhook/${A.id}`);
    await waitForWebhook(null);
    expect(await runsSinceLastCheck(0)).toEqual({ '[A]': 0, '[B]': 0, '[C]': 0 });
  });

  test('two published for one account when n8n starts: one receives, the other is told which one', async () => {
    await t().restart(async () => {
      // Published from the command line while n8n is down, as an operator's deployment script does.
      await t().activate(A);
      await t().activate(B);
    });

    const winner = await until('one of them to take the webhook', () =>
      [A, B].find((workflow) => accountWebhook().url === t().productionUrl(workflow)),
    );
    const loser = winner === A ? B : A;
    expect(await until(`${loser.name}'s activation error`, async () => (await activationError(loser)) ?? undefined, 90_000)).toBe(taken(winner));
    expect(accountWebhook().url).toBe(t().productionUrl(winner));
    expect(await deliver(2)).toEqual([winner.tag, winner.tag]);
    expect(await runsSinceLastCheck(2)).toEqual({ '[A]': 0, '[B]': 0, '[C]': 0, [winner.tag]: 2 });
  });

  test('n8n never logged the API key or a webhook secret', () => {
    const { sandbox } = t();
    const secrets = sandbox.state.requests
      .map((request) => String((request.body as { webhook?: string } | undefined)?.webhook ?? ''))
      .map((url) => (url ? new URL(url).searchParams.get('secret') : null))
      .filter((secret): secret is string => Boolean(secret));
    expect(secrets.length).toBeGreaterThan(0);
    for (const log of t().logs()) {
      expect(log).not.toContain(sandbox.apiKey);
      for (const secret of secrets) expect(log).not.toContain(secret);
    }
  });
}
