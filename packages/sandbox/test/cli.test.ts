import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'blazwa-sandbox.mjs');
const running: ChildProcessWithoutNullStreams[] = [];

afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function run(args: string[]) {
  const child = spawn(process.execPath, [BIN, ...args]);
  running.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => stdout, errors: () => stderr };
}

describe('blazwa-sandbox (command line)', () => {
  it('prints the base URL and the key, serves the API on 127.0.0.1, and stops cleanly on Ctrl-C', async () => {
    const cli = run(['--port', '0', '--api-key', 'cli-key', '--group', 'Toko', '--paired']);
    await expect.poll(() => cli.output(), { timeout: 15_000 }).toMatch(/Press Ctrl-C to stop/);
    const url = /Base URL[^:]*:\s*(http:\/\/127\.0\.0\.1:\d+)/.exec(cli.output())?.[1];
    expect(url).toBeDefined();
    expect(cli.output()).toMatch(/API key:\s*cli-key/);
    expect(cli.output()).toContain(`${url}/backend`);

    const status = await fetch(`${url}/backend/openapi/wa/status`, { method: 'POST', headers: { 'x-api-key': 'cli-key' } });
    expect(await status.json()).toMatchObject({ status: 'connected' });
    const group = await fetch(`${url}/openapi/wa/message-group`, {
      method: 'POST',
      headers: { 'x-api-key': 'cli-key', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'groupName=Toko&message=Buka',
    });
    expect(group.status).toBe(200);

    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
    expect(cli.errors()).toBe('');
    await expect(fetch(`${url}/openapi/wa/status`, { method: 'POST' })).rejects.toThrow();
  });

  it('explains a bad option and exits 1', async () => {
    const cli = run(['--port', 'eighty']);
    expect(await cli.exited).toBe(1);
    expect(cli.errors()).toMatch(/--port eighty is not a port number/);
    expect(cli.errors()).toMatch(/Usage: blazwa-sandbox/);
  });

  it('prints help', async () => {
    const cli = run(['--help']);
    expect(await cli.exited).toBe(0);
    expect(cli.output()).toMatch(/--api-key <key>/);
  });
});
