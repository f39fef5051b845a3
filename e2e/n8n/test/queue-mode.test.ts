// n8n's queue mode, for real: n8n 2.41.1 as one main, one webhook process and two workers on Debian's Redis and
// PostgreSQL, the packed n8n-nodes-blazwa installed into each process's user folder, against the sandbox. What a
// shop that outgrew one n8n process relies on: the trigger registered by main for the webhook process's URL, every
// delivery run once on some worker, spoofed ones refused before anything runs, the QR image through the database's
// binary storage, and the trigger still receiving while main restarts. Then the trigger's ownership sequences
// (helpers/trigger-ownership.ts) on a second account: registration and test listens on main, production deliveries
// through the webhook process. Counts are printed.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startSandbox, type Sandbox } from '@blazwa/sandbox';
import { duplicates, inPool } from '@blazwa/test-support/reliability';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { N8N_2, packNodesPackage, progress, QueueMode, signIn, signInAsNewOwner, type Session } from '@blazwa/n8n-harness';
import { AUTO_REPLY, LOGIN_QR_PAGE, PACED_SENDS, queueWorkflowFile } from './helpers/queue-workflows.ts';
import { APPROVE_ONLY, askCredentialFile, REPORT_TO_WA } from './helpers/send-and-wait-workflows.ts';
import { OWNER_WORKFLOWS, ownershipCredentialFile, ownershipSequences, ownershipWorkflowFile } from './helpers/trigger-ownership.ts';
import { credentialFile } from './helpers/workflows.ts';
import { until as waitUntil, type Probe } from './helpers/until.ts';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const FLOOD = { deliveries: 1000, concurrency: 50 };

interface ExecutionRow {
  id: string;
  workflowId: string;
  status: string;
  mode: string;
}

let workDir: string;
let sandbox: Sandbox;
/** A second account (its own webhook), for the ownership sequences' three workflows. */
let shop: Sandbox;
let cluster: QueueMode;
let session: Session;
/** How many times the sandbox was asked to set the webhook while only main ran. */
let registrationsBeforeTheOthers: number;

/** Waits for a condition on a live value (bounded), or fails saying what it waited for and what n8n said. */
const until = <T>(what: string, probe: Probe<T>, timeoutMs = 60_000): Promise<T> =>
  waitUntil(what, probe, timeoutMs, () =>
    [cluster.main, cluster.webhook, ...cluster.workers].map((n8n) => `--- ${n8n.userFolder}\n${n8n.log.slice(-3000)}`).join('\n'),
  );

/** Executions of a workflow after `afterId`, from PostgreSQL (what the editor's list shows). */
function executionsAfter(afterId: number, workflowId: string): ExecutionRow[] {
  const rows = cluster.postgres.query(
    `SELECT id, "workflowId", status, mode FROM execution_entity WHERE id > ${afterId} AND "workflowId" = '${workflowId}' ORDER BY id`,
  );
  return rows
    ? rows.split('\n').map((row) => {
        const [id, workflow, status, mode] = row.split('|');
        return { id: id!, workflowId: workflow!, status: status!, mode: mode! };
      })
    : [];
}

function lastExecutionId(): number {
  return Number(cluster.postgres.query('SELECT coalesce(max(id), 0) FROM execution_entity'));
}

const FINISHED = new Set(['success', 'error', 'crashed', 'canceled']);

/** Waits until `count` executions of the workflow after `afterId` have finished, and none is still under way. */
async function finishedExecutions(afterId: number, count: number, workflowId = AUTO_REPLY.id, timeoutMs = 120_000): Promise<ExecutionRow[]> {
  return await until(
    `${count} finished execution(s) of ${workflowId}`,
    () => {
      const rows = executionsAfter(afterId, workflowId);
      return rows.length >= count && rows.every((row) => FINISHED.has(row.status)) ? rows : undefined;
    },
    timeoutMs,
  );
}

/** Which worker started each execution, from the workers' own logs. */
function workerOf(ids: string[]): Map<string, string[]> {
  const byWorker = cluster.executionsByWorker();
  return new Map(ids.map((id) => [id, byWorker.flatMap((started, index) => (started.has(id) ? [`worker-${index + 1}`] : []))]));
}

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'blazwa-e2e-queue-work-'));
  const tarball = packNodesPackage(workDir);
  // The flood counts deliveries, it does not time them: the sandbox waits up to 60 s for the webhook process's
  // answer (10 s by default), as four n8n processes share two cores here.
  sandbox = await startSandbox({ paired: true, apiKeys: [`e2e-queue-${randomBytes(12).toString('hex')}`], webhookTimeoutMs: 60_000 });
  shop = await startSandbox({ paired: true, apiKeys: [`e2e-queue-shop-${randomBytes(12).toString('hex')}`] });
  cluster = await QueueMode.create({ release: N8N_2, tarball });

  const credentials = join(workDir, 'credentials.json');
  const workflows = join(workDir, 'workflows.json');
  // Unpaced: the flood counts executions and replies; the account's pace (2 s by default) is tested apart.
  const [unpaced] = credentialFile(sandbox.url, sandbox.apiKey, { minInterval: 0 }) as [{ data: object }];
  const paced = { ...unpaced, ...PACED_SENDS.credential, data: { ...unpaced.data, minInterval: PACED_SENDS.minIntervalMs / 1000 } };
  writeFileSync(
    credentials,
    JSON.stringify([unpaced, paced, ...askCredentialFile(sandbox.url, sandbox.apiKey), ...ownershipCredentialFile(shop.url, shop.apiKey)]),
  );
  writeFileSync(workflows, JSON.stringify([...queueWorkflowFile(), ...ownershipWorkflowFile()]));
  try {
    await cluster.main.cliOk(['import:credentials', `--input=${credentials}`], 240_000);
  } finally {
    rmSync(credentials);
  }
  await cluster.main.cliOk(['import:workflow', `--input=${workflows}`]);
  for (const { id } of [AUTO_REPLY, LOGIN_QR_PAGE, PACED_SENDS, APPROVE_ONLY]) await cluster.main.cliOk(N8N_2.activateArgs(id));

  sandbox.reset();
  await cluster.startMain();
  // n8n 2 publishes active workflows in the background once main serves: wait for it before the others start.
  await until('main to register the webhook', () => sandbox.state.webhook ?? undefined, 120_000);
  registrationsBeforeTheOthers = sandbox.state.requests.filter((entry) => entry.operation === 'webhook').length;
  await cluster.startWebhookAndWorkers();
  session = await signInAsNewOwner(cluster.main.url);
}, 900_000);

afterAll(async () => {
  await cluster?.stop();
  await sandbox?.close();
  await shop?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
}, 120_000);

describe(`queue mode: ${N8N_2.title}, one main, one webhook process, two workers, Redis and PostgreSQL`, () => {
  test('main registers the webhook process URL with its secret; a delivery runs on a worker and the reply goes out', async () => {
    const webhook = await until('the Blazwa Trigger to register its webhook', () => sandbox.state.webhook ?? undefined);
    const url = new URL(webhook);
    expect(url.origin).toBe(cluster.webhook.url);
    expect(url.pathname).toMatch(/^\/webhook\/[^/]+\/webhook$/);
    expect(url.searchParams.get('secret')).toMatch(/.{16,}/);
    // Registered once, by main, before the webhook process and the workers ran: they never register.
    expect(registrationsBeforeTheOthers).toBe(1);
    expect(sandbox.state.requests.filter((entry) => entry.operation === 'webhook')).toHaveLength(1);

    sandbox.reset();
    const before = lastExecutionId();
    const incoming = { from: '6281298765432', message: 'Apakah toko buka hari Minggu?' };
    const delivery = await sandbox.inject(incoming);
    expect(delivery).toMatchObject({ url: webhook, status: 200 });

    const [execution] = await finishedExecutions(before, 1);
    expect(execution).toMatchObject({ status: 'success', mode: 'webhook' });
    expect(workerOf([execution!.id]).get(execution!.id)).toHaveLength(1);
    const replies = sandbox.state.outbox.filter((entry) => entry.to === incoming.from);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.body).toContain(`"${incoming.message}" sudah kami terima`);
    progress(`queue mode: 1 delivery → execution ${execution!.id} on ${workerOf([execution!.id]).get(execution!.id)![0]}, 1 reply`);
  });

  test(`a flood of ${FLOOD.deliveries} deliveries at concurrency ${FLOOD.concurrency}: each runs once, spread over both workers`, async () => {
    sandbox.reset();
    const before = lastExecutionId();
    const started = Date.now();
    const sender = (index: number) => `62812${String(index).padStart(7, '0')}`;
    const statuses: Array<number | undefined> = [];
    const problems = new Map<string, number>();
    await inPool(FLOOD.deliveries, FLOOD.concurrency, async (index) => {
      const delivery = await sandbox.inject({ from: sender(index), message: `flood #${index}` });
      statuses[index] = delivery.status;
      if (delivery.error) problems.set(delivery.error, (problems.get(delivery.error) ?? 0) + 1);
    });
    const delivered = statuses.filter((status) => status === 200).length;
    const failed = [...problems].map(([error, count]) => `${count} × ${error}`).join('; ');
    expect(delivered, `failed deliveries: ${failed}`).toBe(FLOOD.deliveries);
    const executions = await finishedExecutions(before, FLOOD.deliveries, AUTO_REPLY.id, 900_000);
    const replies = await until(
      `${FLOOD.deliveries} replies in the outbox`,
      () => (sandbox.state.outbox.length >= FLOOD.deliveries ? sandbox.state.outbox : undefined),
      120_000,
    );
    const seconds = (Date.now() - started) / 1000;

    const repliedTo = replies.map((entry) => entry.to);
    const lost = Array.from({ length: FLOOD.deliveries }, (_, index) => sender(index)).filter((from) => !repliedTo.includes(from));
    const twice = duplicates(repliedTo);
    const ranOn = workerOf(executions.map((execution) => execution.id));
    const perWorker = cluster.workers.map((_, index) => [...ranOn.values()].filter((workers) => workers.includes(`worker-${index + 1}`)).length);
    const onBoth = [...ranOn.values()].filter((workers) => workers.length > 1).length;
    progress(
      `queue mode flood: ${delivered}/${FLOOD.deliveries} delivered (200), ${executions.length} executions ` +
        `(${executions.filter((execution) => execution.status === 'success').length} success), ${replies.length} replies, ` +
        `${twice} twice, ${lost.length} lost; ${perWorker.map((count, index) => `worker-${index + 1} ran ${count}`).join(', ')}; ${seconds.toFixed(1)} s`,
    );

    expect(executions).toHaveLength(FLOOD.deliveries);
    expect(executions.filter((execution) => execution.status !== 'success' || execution.mode !== 'webhook')).toEqual([]);
    expect(replies).toHaveLength(FLOOD.deliveries);
    expect(twice).toBe(0);
    expect(lost).toEqual([]);
    for (const entry of replies) expect(entry.body).toContain(`"flood #${Number(entry.to.slice(5))}" sudah kami terima`);
    expect(onBoth).toBe(0);
    expect(perWorker.reduce((sum, count) => sum + count, 0)).toBe(FLOOD.deliveries);
    for (const count of perWorker) expect(count).toBeGreaterThan(0);
  }, 1_200_000);

  test('spoofed deliveries (no secret, a wrong one, an empty one) are refused by the webhook process and start nothing', async () => {
    sandbox.reset();
    const before = lastExecutionId();
    const startedBefore = cluster.executionsByWorker().reduce((sum, started) => sum + started.size, 0);
    const registered = new URL(sandbox.state.webhook!);
    const spoofs = [undefined, randomBytes(24).toString('base64url'), ''].flatMap((secret) => Array.from({ length: 5 }, () => secret));
    const statuses = await Promise.all(
      spoofs.map(async (secret, index) => {
        const url = new URL(registered);
        if (secret === undefined) url.searchParams.delete('secret');
        else url.searchParams.set('secret', secret);
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ from: '6281311112222', message: `spoof #${index}` }),
        });
        await response.arrayBuffer();
        return response.status;
      }),
    );
    // A genuine delivery after them: once its execution is done, anything the spoofs had started would be too.
    const genuine = await sandbox.inject({ from: '6281298765432', message: 'setelah palsu' });
    const executions = await finishedExecutions(before, 1);
    const startedAfter = cluster.executionsByWorker().reduce((sum, started) => sum + started.size, 0);
    progress(
      `queue mode spoofs: ${statuses.filter((status) => status === 401).length}/${spoofs.length} answered 401; ` +
        `${executions.length} execution(s) and ${sandbox.state.outbox.length} reply(ies) since, both the genuine delivery's`,
    );

    expect(statuses).toEqual(spoofs.map(() => 401));
    expect(genuine.status).toBe(200);
    expect(executions).toHaveLength(1);
    expect(startedAfter - startedBefore).toBe(1);
    expect(sandbox.state.outbox.map((entry) => entry.to)).toEqual(['6281298765432']);
    expect(cluster.webhook.log).not.toContain(sandbox.apiKey);
  });

  test('the login QR as an image: made on a worker, kept in the database, served by the webhook process and the editor', async () => {
    sandbox.unpair();
    try {
      const before = lastExecutionId();
      const page = await fetch(`${cluster.webhook.url}/webhook/${LOGIN_QR_PAGE.path}`);
      const bytes = Buffer.from(await page.arrayBuffer());
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^image\/png/);
      expect(bytes.subarray(0, 8)).toEqual(PNG_SIGNATURE);
      const sandboxQr = Buffer.from(await (await fetch(`${sandbox.url}/_sandbox/qr.png`)).arrayBuffer());
      expect(bytes.equals(sandboxQr)).toBe(true);

      const [execution] = await finishedExecutions(before, 1, LOGIN_QR_PAGE.id);
      expect(execution).toMatchObject({ status: 'success', mode: 'webhook' });
      expect(workerOf([execution!.id]).get(execution!.id)).toHaveLength(1);
      // n8n 2 keeps binary data in PostgreSQL in queue mode: no process reads another's disk.
      const detail = await session.request<{ data: string }>('GET', `/executions/${execution!.id}`);
      const binaryId = /"(database:[^"]+)"/.exec(detail.data)?.[1];
      expect(binaryId).toBeDefined();
      const download = await session.get(`/binary-data?id=${encodeURIComponent(binaryId!)}&action=download`);
      expect(download.status).toBe(200);
      expect(Buffer.from(await download.arrayBuffer()).equals(sandboxQr)).toBe(true);
      progress(`queue mode QR: ${bytes.length} bytes from the webhook process, the same from main's binary-data API (${binaryId!.slice(0, 9)}…)`);
    } finally {
      sandbox.pair();
    }
  });

  test(`the account's pace holds per worker: ${PACED_SENDS.minIntervalMs} ms between two sends of one worker, not across workers`, async () => {
    sandbox.reset();
    const orders = 30;
    const before = lastExecutionId();
    const answers = await Promise.all(
      Array.from({ length: orders }, async (_, index) => {
        const response = await fetch(`${cluster.webhook.url}/webhook/${PACED_SENDS.path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ order: index }),
        });
        await response.arrayBuffer();
        return response.status;
      }),
    );
    expect(answers).toEqual(answers.map(() => 200));
    const executions = await finishedExecutions(before, orders, PACED_SENDS.id, 300_000);
    const notices = sandbox.state.outbox.filter((entry) => entry.body.startsWith('order notice, execution '));
    const ranOn = workerOf(executions.map((execution) => execution.id));
    const byWorker = new Map<string, number[]>();
    for (const notice of notices) {
      const [worker, ...others] = ranOn.get(notice.body.slice('order notice, execution '.length)) ?? [];
      expect(worker, `the worker of "${notice.body}"`).toBeDefined();
      expect(others).toEqual([]);
      byWorker.set(worker!, [...(byWorker.get(worker!) ?? []), notice.at]);
    }
    const smallestGap = (times: number[]): number => {
      const sorted = [...times].sort((a, b) => a - b);
      return Math.min(...sorted.slice(1).map((at, index) => at - sorted[index]!));
    };
    const gaps = [...byWorker].map(([worker, times]) => ({ worker, sends: times.length, gap: times.length > 1 ? smallestGap(times) : Infinity }));
    const across = smallestGap(notices.map((notice) => notice.at));
    progress(
      `queue mode pace: ${notices.length} notices; ${gaps.map(({ worker, sends, gap }) => `${worker} sent ${sends}, smallest gap ${gap} ms`).join('; ')}; ` +
        `smallest gap across both workers ${across} ms (the pace is per worker process)`,
    );

    expect(executions.filter((execution) => execution.status !== 'success')).toEqual([]);
    expect(notices).toHaveLength(orders);
    expect(gaps.reduce((sum, { sends }) => sum + sends, 0)).toBe(orders);
    for (const { gap } of gaps) expect(gap).toBeGreaterThanOrEqual(PACED_SENDS.minIntervalMs);
  }, 600_000);

  test('Send and Wait: the question waits, its link through the webhook process resumes it on a worker, once', async () => {
    sandbox.reset();
    const before = lastExecutionId();
    const order = await fetch(`${cluster.webhook.url}/webhook/${APPROVE_ONLY.path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ order: 'Q-3001' }),
    });
    await order.arrayBuffer();
    expect(order.status).toBe(200);
    const question = await until('the question', () => sandbox.state.outbox.find((entry) => entry.body.includes('Q-3001')));
    const [waiting] = await until('the execution to wait', () => {
      const rows = executionsAfter(before, APPROVE_ONLY.id);
      return rows.length === 1 && rows[0]!.status === 'waiting' ? rows : undefined;
    });
    const link = /^\*Ya, kirim:\*\n(http\S+)$/m.exec(question.body)?.[1];
    expect(link).toBeDefined();
    // The link is the webhook process's (WEBHOOK_URL), signed by n8n: the phone's tap goes there, not to main.
    expect(new URL(link!).origin).toBe(cluster.webhook.url);
    expect(link).toContain(`/webhook-waiting/${waiting!.id}/`);
    // How often each worker logged starting it: once for the question; resumed, once more on whichever took the job.
    const starts = (): number[] =>
      cluster.workers.map((worker) => cluster.logOf(worker).split(`Worker started execution ${waiting!.id} `).length - 1);
    const startsBefore = starts().reduce((sum, count) => sum + count, 0);

    const tap = await fetch(link!, {
      method: 'POST',
      headers: { 'user-agent': 'Mozilla/5.0 (Linux; Android 14) Mobile', 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    expect(tap.status).toBe(200);
    await tap.arrayBuffer();
    const [resumed] = await finishedExecutions(before, 1, APPROVE_ONLY.id);
    const report = await until('the report of the answer', () =>
      sandbox.state.outbox.find((entry) => entry.to === REPORT_TO_WA && entry.body.includes(` ${APPROVE_ONLY.path}: `)),
    );
    const ranOn = await until('a worker to log the resumed execution', () => {
      const counts = starts();
      return counts.reduce((sum, count) => sum + count, 0) > startsBefore ? counts : undefined;
    });
    progress(
      `queue mode send and wait: execution ${waiting!.id} waited, the webhook process's link resumed it (${resumed!.status}); ` +
        `worker starts ${ranOn.map((count, index) => `worker-${index + 1} ${count}`).join(', ')}; ${sandbox.state.outbox.filter((entry) => entry.body.includes('Q-3001')).length} question, 1 report`,
    );

    expect(resumed).toMatchObject({ id: waiting!.id, status: 'success' });
    expect(JSON.parse(report.body.slice(report.body.indexOf('{')))).toMatchObject({ approved: true });
    expect(sandbox.state.outbox.filter((entry) => entry.body.includes('Q-3001'))).toHaveLength(1);
    expect(sandbox.state.outbox.filter((entry) => entry.to === REPORT_TO_WA)).toHaveLength(1);
  }, 300_000);

  test('while main restarts, and after, the active trigger receives: no webhook reset, each delivery replied once', async () => {
    sandbox.reset();
    const before = lastExecutionId();
    const registered = sandbox.state.webhook;
    await cluster.main.stop();
    // Main is down: the webhook process and the workers carry on without it.
    const whileDown = await sandbox.inject({ from: '6281298765001', message: 'saat main berhenti' });
    expect(whileDown.status).toBe(200);
    await finishedExecutions(before, 1);

    await cluster.startMain();
    const afterRestart = await sandbox.inject({ from: '6281298765002', message: 'setelah main mulai lagi' });
    expect(afterRestart.status).toBe(200);
    const executions = await finishedExecutions(before, 2);
    const webhookCalls = sandbox.state.requests.filter((entry) => entry.operation === 'webhook' || entry.operation === 'webhook/reset');
    progress(
      `queue mode restart of main: ${executions.length} executions (${executions.map((execution) => execution.status).join(', ')}), ` +
        `${sandbox.state.outbox.length} replies, ${webhookCalls.length} webhook set/reset call(s) during the restart`,
    );

    expect(executions.map((execution) => execution.status)).toEqual(['success', 'success']);
    expect(sandbox.state.outbox.map((entry) => entry.to).sort()).toEqual(['6281298765001', '6281298765002']);
    expect(webhookCalls.filter((entry) => entry.operation === 'webhook/reset')).toEqual([]);
    expect(new URL(sandbox.state.webhook!).origin).toBe(cluster.webhook.url);
    expect(sandbox.state.webhook === registered || webhookCalls.length > 0).toBe(true);
  });
});

describe(`queue mode: ${N8N_2.title}, one published Blazwa Trigger per account, never deaf`, () => {
  let mainRestarts = 0;
  ownershipSequences(() => ({
    title: 'queue mode',
    release: N8N_2,
    sandbox: shop,
    session,
    // Main registers the webhook process's URL; main itself serves the test webhooks.
    productionUrl: (workflow) => `${cluster.webhook.url}/webhook/${workflow.webhookId}/webhook`,
    testUrl: (workflow) => `${cluster.main.url}/webhook-test/${workflow.webhookId}/webhook`,
    async productionRuns() {
      const ids = OWNER_WORKFLOWS.map((workflow) => `'${workflow.id}'`).join(', ');
      const rows = cluster.postgres.query(
        `SELECT "workflowId", count(*) FROM execution_entity WHERE mode = 'webhook' AND "workflowId" IN (${ids}) GROUP BY 1`,
      );
      const counts = new Map(rows ? rows.split('\n').map((row) => row.split('|') as [string, string]) : []);
      return Object.fromEntries(OWNER_WORKFLOWS.map((workflow) => [workflow.tag, Number(counts.get(workflow.id) ?? 0)]));
    },
    async restart(before) {
      await cluster.main.stop();
      await before?.();
      await cluster.startMain();
      session = await signIn(cluster.main.url, 'owner@e2e.example', 'E2e-owner-password-1');
      // Every active trigger receives again, the first account's auto-reply as well.
      const lastBefore = lastExecutionId();
      const message = `setelah main dimulai ulang #${++mainRestarts}`;
      const delivery = await sandbox.inject({ from: '6281298765003', message });
      expect(delivery.status).toBe(200);
      const [execution] = await finishedExecutions(lastBefore, 1);
      expect(execution).toMatchObject({ status: 'success', mode: 'webhook' });
      const replies = await until('the auto-reply after the restart', () => {
        const found = sandbox.state.outbox.filter((entry) => entry.body.includes(`"${message}" sudah kami terima`));
        return found.length > 0 ? found : undefined;
      });
      expect(replies).toHaveLength(1);
    },
    async activate(workflow) {
      await cluster.main.cliOk(N8N_2.activateArgs(workflow.id));
    },
    said: () => [cluster.main, cluster.webhook, ...cluster.workers].map((n8n) => `--- ${n8n.userFolder}\n${n8n.log.slice(-3000)}`).join('\n'),
    logs: () => [cluster.main, cluster.webhook, ...cluster.workers].map((n8n) => cluster.logOf(n8n)),
  }));
});

describe('queue mode: the end', () => {
  test('stopping everything by PID leaves nothing running', async () => {
    const pids = [...cluster.startedPids];
    await cluster.stop();
    const left = cluster.leftRunning();
    progress(`queue mode: stopped ${pids.length} processes by PID (${pids.join(', ')}); left running: ${left.length}`);
    expect(left).toEqual([]);
  });
});
