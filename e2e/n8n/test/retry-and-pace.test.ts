// In a real n8n: Retry On Fail and the Retry of a failed execution from the Executions list never send an order
// twice, a new run of the workflow is a new send, and 50 incoming messages at once get 50 replies at the
// credential's pace. The sandbox fails the 51st send with a 500, before it records it.
import { randomBytes } from 'node:crypto';

import { startSandbox, type Sandbox } from '@blazwa/sandbox';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { N8nInstance, progress, RELEASES, signInAsNewOwner, type Release, type Session } from '@blazwa/n8n-harness';
import { packedNodes } from './helpers/packed-nodes.ts';
import { EXECUTION_RETRY, orders, PACE_MS, PACED_REPLY, RETRY_ON_FAIL, retryCredentialFile, retryWorkflowFile } from './helpers/retry-workflows.ts';
import { until as waitUntil, type Probe } from './helpers/until.ts';

interface Summary {
  id: string;
  workflowId: string;
  status: string;
  mode: string;
  retryOf?: string | null;
}

const tarball = packedNodes('retry');

describe.each(RELEASES)('$title', (release: Release) => {
  let sandbox: Sandbox;
  let n8n: N8nInstance;
  let session: Session;
  const until = <T>(what: string, probe: Probe<T>, timeoutMs = 90_000): Promise<T> =>
    waitUntil(what, probe, timeoutMs, () => `n8n said:\n${n8n.log}`);

  /** The workflow's executions, newest first, once none is still running. */
  async function finishedExecutions(workflowId: string, count: number): Promise<Summary[]> {
    const filter = encodeURIComponent(JSON.stringify({ workflowId }));
    return await until(`${count} finished executions of ${workflowId}`, async () => {
      const { results } = await session.request<{ results: Summary[] }>('GET', `/executions?filter=${filter}&limit=100`);
      const done = results.filter((summary) => !['running', 'new', 'waiting'].includes(summary.status));
      return done.length >= count && done.length === results.length ? done : undefined;
    });
  }

  /** What the outbox holds of one run's orders: how many arrived, how many distinct, how many more than once. */
  function count(run: string, total: number) {
    const bodies = sandbox.state.outbox.map((entry) => entry.body).filter((body) => body.startsWith(`Pesanan ${run}-`));
    const distinct = new Set(bodies);
    const missing = orders(total, run).filter((order) => !distinct.has(order.text)).length;
    return { sent: bodies.length, distinct: distinct.size, twice: bodies.length - distinct.size, missing };
  }

  function failTheFiftyFirstSend(): void {
    sandbox.fault({ delayMs: 0, count: 50, operations: ['message'] });
    sandbox.fault({ status: 500, operations: ['message'] });
  }

  async function postOrders(path: string, run: string): Promise<void> {
    const response = await fetch(`${n8n.url}/webhook/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ orders: orders(100, run) }),
    });
    expect(response.status).toBe(200);
  }

  beforeAll(async () => {
    // 50 deliveries at once start 50 executions: on a busy machine n8n may take longer than the default 10 s to answer.
    sandbox = await startSandbox({ paired: true, apiKeys: [`e2e-${randomBytes(12).toString('hex')}`], webhookTimeoutMs: 60_000 });
    n8n = await N8nInstance.create(release);
    n8n.installCommunityNode(tarball());
    await n8n.importFixtures({ credentials: retryCredentialFile(sandbox.url, sandbox.apiKey), workflows: retryWorkflowFile() });
    for (const id of [RETRY_ON_FAIL.id, EXECUTION_RETRY.id, PACED_REPLY.id]) await n8n.cliOk(release.activateArgs(id));
    await n8n.start();
    session = await signInAsNewOwner(n8n.url);
    await until('the auto-reply trigger to register its webhook', () => sandbox.state.webhook ?? undefined);
  });

  afterAll(async () => {
    await n8n?.dispose();
    await sandbox?.close();
  });

  describe('retries never send an order twice', () => {
    test('Retry On Fail: 100 orders, a 500 on the 51st → 100 distinct messages in the outbox, none twice', async () => {
      sandbox.reset();
      failTheFiftyFirstSend();
      await postOrders(RETRY_ON_FAIL.path, 'A');
      const [execution] = await finishedExecutions(RETRY_ON_FAIL.id, 1);

      const seen = count('A', 100);
      progress(`Retry On Fail: ${seen.sent} sent, ${seen.distinct} distinct, ${seen.twice} twice, ${seen.missing} missing`);
      expect(execution).toMatchObject({ status: 'success' });
      expect(seen).toEqual({ sent: 100, distinct: 100, twice: 0, missing: 0 });
      expect(sandbox.state.requests.filter((request) => request.status === 500)).toHaveLength(1);
      const detail = await session.request<{ data: string }>('GET', `/executions/${execution!.id}`);
      expect(detail.data).toContain('alreadySent');
      expect(detail.data).not.toContain(sandbox.apiKey);
    });

    test.each([false, true])(
      'Retry of the failed execution (loadWorkflow: %s) sends only the orders not yet sent; a new run sends all again',
      async (loadWorkflow) => {
        const run = loadWorkflow ? 'C' : 'B';
        sandbox.reset();
        failTheFiftyFirstSend();
        const before = (await finishedExecutions(EXECUTION_RETRY.id, 0)).length;
        await postOrders(EXECUTION_RETRY.path, run);
        const [failed] = await finishedExecutions(EXECUTION_RETRY.id, before + 1);
        expect(failed).toMatchObject({ status: 'error', mode: 'webhook' });
        expect(count(run, 100)).toMatchObject({ sent: 50, twice: 0 });

        const retried = await session.request<{ id: string; status?: string; retryOf?: string }>('POST', `/executions/${failed!.id}/retry`, {
          loadWorkflow,
        });
        const [latest] = await finishedExecutions(EXECUTION_RETRY.id, before + 2);
        expect(latest).toMatchObject({ id: String(retried.id), status: 'success', mode: 'retry' });
        const seen = count(run, 100);
        progress(
          `execution Retry (loadWorkflow ${loadWorkflow}): ${seen.sent} sent, ${seen.distinct} distinct, ${seen.twice} twice, ${seen.missing} missing`,
        );
        expect(seen).toEqual({ sent: 100, distinct: 100, twice: 0, missing: 0 });

        // The same orders posted again are a new run: all 100 go out again, each once more.
        await postOrders(EXECUTION_RETRY.path, run);
        await finishedExecutions(EXECUTION_RETRY.id, before + 3);
        expect(count(run, 100)).toEqual({ sent: 200, distinct: 100, twice: 100, missing: 0 });
      },
    );
  });

  describe('one pace per account across executions', () => {
    test(`50 messages arriving at once → 50 replies, no two closer than the credential's ${PACE_MS} ms`, async () => {
      sandbox.reset();
      const senders = Array.from({ length: 50 }, (_, index) => `62813${String(10_000_000 + index)}`);
      const deliveries = await Promise.all(senders.map(async (from, index) => await sandbox.inject({ from, message: `Halo ${index}` })));
      expect(deliveries.map((delivery) => delivery.status ?? delivery.error)).toEqual(senders.map(() => 200));

      await until('50 replies in the outbox', () => (sandbox.state.outbox.length >= 50 ? true : undefined), 120_000);
      await finishedExecutions(PACED_REPLY.id, 50);
      expect(sandbox.state.outbox.map((entry) => entry.to).sort()).toEqual([...senders].sort());
      const arrivals = sandbox.state.requests.filter((request) => request.operation === 'message').map((request) => request.at);
      arrivals.sort((a, b) => a - b);
      const gaps = arrivals.slice(1).map((at, index) => at - arrivals[index]!);
      const smallest = Math.min(...gaps);
      progress(`50 inbound at once: ${sandbox.state.outbox.length} replies, smallest gap ${smallest} ms (pace ${PACE_MS} ms)`);
      // Arrival times at the sandbox: the pace counts from the end of the previous send, so it holds here too.
      expect(smallest).toBeGreaterThanOrEqual(PACE_MS);
    });
  });
});
