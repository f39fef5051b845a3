// `pnpm demo:n8n` as a person runs it: n8n installed into .cache/ (or reused from there), started with the packed
// nodes and the example workflows; the printed login works, the workflows do what the text says, and Ctrl-C
// leaves nothing running.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { N8N_2, signIn, type Session } from '@blazwa/n8n-harness';
import { DEFAULTS, startSandbox, type Sandbox } from '@blazwa/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTO_REPLY, MANUAL_TRIGGER, SEND, STATUS } from '../src/n8n-workflows.ts';

const CLI = new URL('../src/n8n-cli.ts', import.meta.url).pathname;
const SANDBOX_API_KEY = DEFAULTS.apiKeys[0];
/** n8n stores a run's data in the `flatted` format; its own copy reads it. */
const flatted = createRequire(join(N8N_2.dir, 'node_modules', 'n8n', 'package.json'))('flatted') as { parse(text: string): unknown };

interface Demo {
  child: ChildProcess;
  exited: Promise<number | null>;
  output(): string;
  /** Resolves once the output holds `text`; fails if the demo exits first. */
  printed(text: string): Promise<void>;
  userDir: string;
}

/** The demo in a process group of its own, so that whatever it started can be found (and cleaned up) by group. */
function run(env: Record<string, string>): Demo {
  const userDir = join(mkdtempSync(join(tmpdir(), 'blazwa-demo-n8n-')), 'n8n');
  const child = spawn(process.execPath, [CLI], {
    env: { ...process.env, DEMO_N8N_USER_DIR: userDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const printed = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => output.includes(text) && resolve();
      check();
      child.stdout!.on('data', check);
      child.stderr!.on('data', check);
      void exited.then((code) => reject(new Error(`the demo exited (${code}) before printing ${JSON.stringify(text)}:\n${output}`)));
    });
  return { child, exited, output: () => output, printed, userDir };
}

/** The live processes of a process group, from /proc (zombies are not running anything). */
function groupMembers(pgid: number): string[] {
  const members: string[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const [state, , group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(group) === pgid && state !== 'Z')
        members.push(`${pid} ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').slice(0, 160)}`);
    } catch {
      // gone meanwhile
    }
  }
  return members;
}

const refused = (url: string) =>
  fetch(url).then(
    () => false,
    () => true,
  );

type RunData = Record<string, Array<{ data: { main: Array<Array<{ json: Record<string, unknown> }>> } }>>;

/** What the editor's "Execute workflow" does, then the finished run's data per node. */
async function executeWorkflow(session: Session, id: string): Promise<RunData> {
  const { executionId } = await session.request<{ executionId: string }>('POST', `/workflows/${id}/run`, {
    triggerToStartFrom: { name: MANUAL_TRIGGER },
  });
  let execution: { status: string; data: string } | undefined;
  await expect
    .poll(async () => (execution = await session.request<{ status: string; data: string }>('GET', `/executions/${executionId}`)).status, {
      timeout: 60_000,
      interval: 500,
    })
    .toBe('success');
  return (flatted.parse(execution!.data) as { resultData: { runData: RunData } }).resultData.runData;
}

/** The demo up and ready (the first run on a machine installs n8n: minutes), signed in with the login it printed. */
async function started(demo: Demo): Promise<{ n8nUrl: string; session: Session }> {
  await demo.printed('Stop with Ctrl-C.');
  const n8nUrl = demo.output().match(/n8n editor: +(http:\/\/127\.0\.0\.1:\d+)\//)![1]!;
  const [, email, password] = demo.output().match(/Log in with: +(\S+) +\/ +(\S+)/)!;
  return { n8nUrl, session: await signIn(n8nUrl, email!, password!) };
}

/** Ctrl-C to the demo alone (a terminal's would also reach n8n, and hide a demo that leaves it running). */
async function stopAndExpectNothingLeft(demo: Demo, urls: string[]): Promise<void> {
  const pgid = demo.child.pid!;
  expect(groupMembers(pgid).length).toBeGreaterThan(1); // the demo and n8n at least
  demo.child.kill('SIGINT');
  expect(await demo.exited).toBe(0);
  expect(demo.output()).toContain('Stopping the demo');
  await expect.poll(() => groupMembers(pgid), { timeout: 30_000, interval: 250 }).toEqual([]);
  for (const url of urls) expect(await refused(url), url).toBe(true);
}

function cleanUp(demo: Demo | undefined): void {
  if (!demo) return;
  // Whatever a failed test left running (the group outlives its leader).
  if (groupMembers(demo.child.pid!).length > 0) process.kill(-demo.child.pid!, 'SIGKILL');
  rmSync(join(demo.userDir, '..'), { recursive: true, force: true });
}

describe('pnpm demo:n8n', () => {
  const servers: Server[] = [];
  afterAll(() => {
    for (const server of servers) server.close();
  });

  it('says which port is busy and how to pick another, before installing or starting anything', async () => {
    const server = createServer();
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;

    const demo = run({ DEMO_N8N_PORT: String(port), DEMO_SANDBOX_PORT: '0' });
    expect(await demo.exited).toBe(1);
    expect(demo.output()).toContain(
      `Port ${port} is busy, so n8n cannot start there: stop whatever uses it, or pick another port with DEMO_N8N_PORT=<port>`,
    );
    expect(demo.output()).not.toContain('n8n 2.41.1:');
    expect(existsSync(demo.userDir)).toBe(false);
  });
});

// A real n8n on a loaded 2-core machine: each step gets minutes, waiting on conditions, never on the clock.
describe('pnpm demo:n8n, running', { timeout: 180_000 }, () => {
  let demo: Demo;
  let n8nUrl: string;
  let sandboxUrl: string;
  let session: Session;

  const sandbox = async <T>(path: string, method = 'GET', body?: object): Promise<T> => {
    const response = await fetch(`${sandboxUrl}/_sandbox${path}`, {
      method,
      ...(body ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
    });
    expect(response.ok, `${method} /_sandbox${path}`).toBe(true);
    return (await response.json()) as T;
  };
  type OutboxEntry = { to: string; body: string };
  const outbox = () => sandbox<OutboxEntry[]>('/outbox');

  beforeAll(async () => {
    demo = run({ DEMO_N8N_PORT: '0', DEMO_SANDBOX_PORT: '0' });
    ({ n8nUrl, session } = await started(demo));
    sandboxUrl = demo.output().match(/Sandbox console: +(http:\/\/127\.0\.0\.1:\d+)\//)![1]!;
  }, 30 * 60_000);

  afterAll(() => cleanUp(demo));

  it('prints the n8n URL with a login that works, and the sandbox console URL, and both answer', async () => {
    expect((await fetch(`${n8nUrl}/healthz`)).ok).toBe(true);
    expect(await sandbox('/state')).toMatchObject({ paired: true, status: 'connected' });
    const workflows = await session.request<Array<{ id: string; name: string }>>('GET', '/workflows');
    expect(workflows.map(({ name }) => name).sort()).toEqual([SEND.name, AUTO_REPLY.name, STATUS.name].sort());
    expect(demo.output()).toContain(`"${SEND.name}"`);
    expect(demo.output()).toContain('the three workflows are under "Overview"');
  });

  it('the auto-reply workflow is active: an incoming message at the sandbox gets the reply', async () => {
    await expect
      .poll(async () => (await sandbox<{ webhook: string | null }>('/state')).webhook, { timeout: 60_000 })
      .toMatch(new RegExp(`^${n8nUrl}/webhook/`));
    const incoming = { from: '6281211112222', message: 'Apakah toko buka hari Minggu?' };
    await sandbox('/inbound', 'POST', incoming);
    await expect
      .poll(async () => (await outbox()).find((entry) => entry.to === incoming.from)?.body, { timeout: 60_000, interval: 500 })
      .toContain(`"${incoming.message}" sudah kami terima`);
  });

  it('"Execute workflow" on the send workflow puts the message in the sandbox outbox', async () => {
    await sandbox('/outbox', 'DELETE');
    const runData = await executeWorkflow(session, SEND.id);
    expect(await outbox()).toEqual([expect.objectContaining({ to: '6281234567890', body: SEND.message })]);
    expect(runData['WhatsApp the customer']![0]!.data.main[0]![0]!.json).toMatchObject({ to: '6281234567890' });
  });

  it('the status workflow gives the QR only while the account waits for one', async () => {
    const paired = await executeWorkflow(session, STATUS.id);
    expect(paired['Connection status']![0]!.data.main[0]![0]!.json).toMatchObject({ status: 'connected' });
    expect(paired['Login QR']).toBeUndefined();

    await sandbox('/unpair', 'POST');
    try {
      const waiting = await executeWorkflow(session, STATUS.id);
      expect(waiting['Connection status']![0]!.data.main[0]![0]!.json).toMatchObject({ status: 'qr' });
      expect(waiting['Login QR']![0]!.data.main[0]![0]!.json).toEqual({ mimeType: 'image/png', fileName: 'blazwa-qr.png' });
    } finally {
      await sandbox('/pair', 'POST');
    }
  });

  it("keeps the API key out of the terminal, n8n's log and its user folder", () => {
    expect(demo.output()).not.toContain(SANDBOX_API_KEY);
    expect(readFileSync(join(demo.userDir, 'n8n.log'), 'utf8')).not.toContain(SANDBOX_API_KEY);
    expect(readdirSync(demo.userDir)).not.toContain('credentials.json');
  });

  it('Ctrl-C stops n8n and the sandbox, and leaves no process behind', async () => {
    await stopAndExpectNothingLeft(demo, [`${n8nUrl}/healthz`, `${sandboxUrl}/_sandbox/state`]);
  });
});

describe('pnpm demo:n8n with BLAZWA_API_KEY: the same against the real service', { timeout: 180_000 }, () => {
  // A sandbox of the test's own stands in for the service, with a key only this test knows.
  const apiKey = `real-${randomBytes(12).toString('hex')}`;
  let service: Sandbox;
  let demo: Demo;
  let n8nUrl: string;
  let session: Session;

  beforeAll(async () => {
    service = await startSandbox({ paired: true, apiKeys: [apiKey] });
    // The sandbox port is busy (the service's own): the demo starts no sandbox, so it must not care.
    demo = run({ DEMO_N8N_PORT: '0', DEMO_SANDBOX_PORT: new URL(service.url).port, BLAZWA_API_KEY: apiKey, BLAZWA_BASE_URL: service.url });
    ({ n8nUrl, session } = await started(demo));
  }, 30 * 60_000);

  afterAll(async () => {
    cleanUp(demo);
    await service?.close();
  });

  it('says it uses the service and starts no sandbox', () => {
    expect(demo.output()).toContain(`Service:          ${service.url} (your real account)`);
    expect(demo.output()).not.toContain('Sandbox console');
  });

  it('"Execute workflow" on the send workflow sends through the service with the key given', async () => {
    await executeWorkflow(session, SEND.id);
    expect(service.state.outbox).toEqual([expect.objectContaining({ to: '6281234567890', body: SEND.message })]);
  });

  it("leaves the auto-reply inactive, so the account's one webhook is not pointed at this n8n", async () => {
    expect(demo.output()).toContain(`"${AUTO_REPLY.name}" is left inactive`);
    expect(await session.request<{ active: boolean }>('GET', `/workflows/${AUTO_REPLY.id}`)).toMatchObject({ active: false });
    expect(service.state.webhook).toBeNull();
  });

  it("stops on Ctrl-C with nothing left, and the key is in neither the terminal nor n8n's log", async () => {
    await stopAndExpectNothingLeft(demo, [`${n8nUrl}/healthz`]);
    expect(demo.output()).not.toContain(apiKey);
    expect(readFileSync(join(demo.userDir, 'n8n.log'), 'utf8')).not.toContain(apiKey);
  });
});
