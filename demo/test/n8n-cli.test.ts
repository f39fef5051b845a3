// `pnpm demo:n8n` as a person runs it: n8n installed into .cache/ (or reused from there), started with the packed
// nodes and the example workflows; the printed login works, the workflows do what the text says, and Ctrl-C
// leaves nothing running.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { N8N_2, signIn, type Session } from '@blazwa/e2e-n8n';
import { DEFAULTS } from '@blazwa/sandbox';
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
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    const [state, , group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(group) === pgid && state !== 'Z') members.push(`${pid} ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').slice(0, 160)}`);
  }
  return members;
}

const refused = (url: string) => fetch(url).then(() => false, () => true);

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
    expect(demo.output()).toContain(`Port ${port} is busy, so n8n cannot start there: stop whatever uses it, or pick another port with DEMO_N8N_PORT=<port>`);
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

  /** What the editor's "Execute workflow" does, then the finished run's data per node. */
  async function executeWorkflow(id: string): Promise<Record<string, Array<{ data: { main: Array<Array<{ json: Record<string, unknown> }>> } }>>> {
    const { executionId } = await session.request<{ executionId: string }>('POST', `/workflows/${id}/run`, { triggerToStartFrom: { name: MANUAL_TRIGGER } });
    let execution: { status: string; data: string } | undefined;
    await expect
      .poll(async () => (execution = await session.request<{ status: string; data: string }>('GET', `/executions/${executionId}`)).status, { timeout: 60_000, interval: 500 })
      .toBe('success');
    const run = flatted.parse(execution!.data) as { resultData: { runData: Record<string, never> } };
    return run.resultData.runData;
  }

  beforeAll(async () => {
    demo = run({ DEMO_N8N_PORT: '0', DEMO_SANDBOX_PORT: '0' });
    // The first run on a machine installs n8n (minutes); later runs reuse .cache/.
    await demo.printed('Stop with Ctrl-C.');
    n8nUrl = demo.output().match(/n8n editor: +(http:\/\/127\.0\.0\.1:\d+)\//)![1]!;
    sandboxUrl = demo.output().match(/Sandbox console: +(http:\/\/127\.0\.0\.1:\d+)\//)![1]!;
    const [, email, password] = demo.output().match(/Log in with: +(\S+) +\/ +(\S+)/)!;
    session = await signIn(n8nUrl, email!, password!);
  }, 30 * 60_000);

  afterAll(() => {
    if (!demo) return;
    // Whatever a failed test left running (the group outlives its leader).
    if (groupMembers(demo.child.pid!).length > 0) process.kill(-demo.child.pid!, 'SIGKILL');
    rmSync(join(demo.userDir, '..'), { recursive: true, force: true });
  });

  it('prints the n8n URL with a login that works, and the sandbox console URL, and both answer', async () => {
    expect((await fetch(`${n8nUrl}/healthz`)).ok).toBe(true);
    expect(await sandbox('/state')).toMatchObject({ paired: true, status: 'connected' });
    const workflows = await session.request<Array<{ id: string; name: string }>>('GET', '/workflows');
    expect(workflows.map(({ name }) => name).sort()).toEqual([SEND.name, AUTO_REPLY.name, STATUS.name].sort());
    expect(demo.output()).toContain(`"${SEND.name}"`);
  });

  it('the auto-reply workflow is active: an incoming message at the sandbox gets the reply', async () => {
    await expect.poll(async () => (await sandbox<{ webhook: string | null }>('/state')).webhook, { timeout: 60_000 }).toMatch(new RegExp(`^${n8nUrl}/webhook/`));
    const incoming = { from: '6281211112222', message: 'Apakah toko buka hari Minggu?' };
    await sandbox('/inbound', 'POST', incoming);
    await expect
      .poll(async () => (await outbox()).find((entry) => entry.to === incoming.from)?.body, { timeout: 60_000, interval: 500 })
      .toContain(`"${incoming.message}" sudah kami terima`);
  });

  it('"Execute workflow" on the send workflow puts the message in the sandbox outbox', async () => {
    await sandbox('/outbox', 'DELETE');
    const runData = await executeWorkflow(SEND.id);
    expect(await outbox()).toEqual([expect.objectContaining({ to: '6281234567890', body: SEND.message })]);
    expect(runData['WhatsApp the customer']![0]!.data.main[0]![0]!.json).toMatchObject({ result: { to: '6281234567890' } });
  });

  it('the status workflow gives the QR only while the account waits for one', async () => {
    const paired = await executeWorkflow(STATUS.id);
    expect(paired['Connection status']![0]!.data.main[0]![0]!.json).toMatchObject({ status: 'connected' });
    expect(paired['Login QR']).toBeUndefined();

    await sandbox('/unpair', 'POST');
    try {
      const waiting = await executeWorkflow(STATUS.id);
      expect(waiting['Connection status']![0]!.data.main[0]![0]!.json).toMatchObject({ status: 'qr' });
      expect(waiting['Login QR']![0]!.data.main[0]![0]!.json).toEqual({ mimeType: 'image/png', fileName: 'blazwa-qr.png' });
    } finally {
      await sandbox('/pair', 'POST');
    }
  });

  it('keeps the API key out of the terminal, n8n\'s log and its user folder', () => {
    expect(demo.output()).not.toContain(SANDBOX_API_KEY);
    expect(readFileSync(join(demo.userDir, 'n8n.log'), 'utf8')).not.toContain(SANDBOX_API_KEY);
    expect(readdirSync(demo.userDir)).not.toContain('credentials.json');
  });

  it('Ctrl-C stops n8n and the sandbox, and leaves no process behind', async () => {
    const pgid = demo.child.pid!;
    expect(groupMembers(pgid).length).toBeGreaterThan(1); // the demo and n8n at least
    // To the demo alone: a terminal's Ctrl-C would also reach n8n, and hide a demo that leaves it running.
    demo.child.kill('SIGINT');
    expect(await demo.exited).toBe(0);
    expect(demo.output()).toContain('Stopping the demo');
    await expect.poll(() => groupMembers(pgid), { timeout: 30_000, interval: 250 }).toEqual([]);
    expect(await refused(`${n8nUrl}/healthz`)).toBe(true);
    expect(await refused(`${sandboxUrl}/_sandbox/state`)).toBe(true);
  });
});
