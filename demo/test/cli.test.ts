// `pnpm demo` as a person runs it: a busy port gets a clear message, and Ctrl-C stops everything cleanly.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULTS } from '@blazwa/sandbox';
import { afterEach, describe, expect, it } from 'vitest';

const CLI = new URL('../src/cli.ts', import.meta.url).pathname;
const REPO = new URL('../..', import.meta.url).pathname;
const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

/** `node src/cli.ts`, or with `viaPnpm` what a person types at the repository root: `pnpm demo`. */
function run(env: Record<string, string>, { viaPnpm = false } = {}) {
  const userDir = join(mkdtempSync(join(tmpdir(), 'blazwa-demo-cli-')), 'node-red');
  const child = spawn(viaPnpm ? 'pnpm' : process.execPath, viaPnpm ? ['demo'] : [CLI], {
    cwd: viaPnpm ? REPO : undefined,
    env: { ...process.env, DEMO_USER_DIR: userDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so a Ctrl-C can reach all of it (pnpm, its shell, the demo) as a terminal's does.
    detached: viaPnpm,
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, userDir, output: () => output };
}

async function busyPort(): Promise<number> {
  const server = createServer();
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

describe('pnpm demo', () => {
  it('says which port is busy and how to pick another, and exits', async () => {
    const port = await busyPort();
    const demo = run({ DEMO_NODE_RED_PORT: String(port), DEMO_SANDBOX_PORT: '0' });
    expect(await demo.exited).toBe(1);
    expect(demo.output()).toContain(
      `Port ${port} is busy, so Node-RED cannot start there: stop whatever uses it, or pick another port with DEMO_NODE_RED_PORT=<port>`,
    );
  });

  it('prints what to open, keeps running, and stops cleanly on Ctrl-C', async () => {
    const demo = run({ DEMO_NODE_RED_PORT: '0', DEMO_SANDBOX_PORT: '0' });
    await expect.poll(demo.output, { timeout: 45_000, interval: 200 }).toContain('Stop with Ctrl-C.');
    expect(demo.output()).toMatch(/Node-RED editor: +http:\/\/127\.0\.0\.1:\d+\//);
    expect(demo.output()).toMatch(/Sandbox console: +http:\/\/127\.0\.0\.1:\d+\//);
    // The API key is stored as any Node-RED stores it: encrypted.
    const stored = readFileSync(join(demo.userDir, 'flows_cred.json'), 'utf8');
    expect(Object.keys(JSON.parse(stored) as object)).toEqual(['$']);
    expect(stored).not.toContain(DEFAULTS.apiKeys[0]);
    demo.child.kill('SIGINT');
    expect(await demo.exited).toBe(0);
    expect(demo.output()).toContain('Stopping the demo');
  });

  it('through `pnpm demo`, Ctrl-C ends with our words and exit 0, no pnpm error after them', async () => {
    const demo = run({ DEMO_NODE_RED_PORT: '0', DEMO_SANDBOX_PORT: '0' }, { viaPnpm: true });
    await expect.poll(demo.output, { timeout: 110_000, interval: 200 }).toContain('Stop with Ctrl-C.');
    // A terminal's Ctrl-C reaches the whole foreground process group.
    process.kill(-demo.child.pid!, 'SIGINT');
    expect(await demo.exited).toBe(0);
    expect(demo.output()).toContain('Stopping the demo');
    expect(demo.output()).not.toMatch(/ELIFECYCLE|ERR_PNPM|Command failed/);
  }, 120_000);

  it('through `pnpm demo`, a failed start ends with our message and exit 1, without the run-script report', async () => {
    const port = await busyPort();
    const demo = run({ DEMO_NODE_RED_PORT: String(port), DEMO_SANDBOX_PORT: '0' }, { viaPnpm: true });
    expect(await demo.exited).toBe(1);
    const output = demo.output();
    expect(output).toContain(`The demo could not start: Port ${port} is busy`);
    // pnpm's own one-line " ELIFECYCLE  Command failed with exit code 1." for a script that failed cannot be
    // switched off for one script; the filtered run's report of the inner command is.
    expect(output).not.toMatch(/ERR_PNPM|node src\/cli\.ts|Exit status/);
    expect(
      output
        .slice(output.indexOf('The demo could not start'))
        .split('\n')
        .filter((line) => line.trim() !== ''),
    ).toHaveLength(2);
  }, 120_000);
});
