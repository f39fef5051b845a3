// The install lock between processes: the e2e tests and `pnpm demo:n8n` may install the same folder side by side.
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, test } from 'vitest';

import { withLock } from '../src/lock.ts';

const LOCK_MODULE = new URL('../src/lock.ts', import.meta.url).href;
const work = mkdtempSync(join(tmpdir(), 'blazwa-lock-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Another process that holds the lock until its stdin closes, writing to `log` when it gets and leaves it. */
function holder(lockFile: string, log: string) {
  const script = `
    import { appendFileSync } from 'node:fs';
    const { withLock } = await import(${JSON.stringify(LOCK_MODULE)});
    await withLock(${JSON.stringify(lockFile)}, 'test', async () => {
      appendFileSync(${JSON.stringify(log)}, 'other in\\n');
      process.stdout.write('holding\\n');
      await new Promise((resolve) => process.stdin.once('close', resolve).resume());
      appendFileSync(${JSON.stringify(log)}, 'other out\\n');
    });`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  const holding = new Promise<void>((resolve) => child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('holding') && resolve()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, holding, exited };
}

describe('withLock', () => {
  test('waits while another process holds the lock, and runs once it lets go', async () => {
    const lockFile = join(work, 'busy.lock');
    const log = join(work, 'busy.log');
    writeFileSync(log, '');
    const other = holder(lockFile, log);
    await other.holding;

    expect(readFileSync(lockFile, 'utf8')).toBe(String(other.child.pid));
    const mine = withLock(lockFile, 'test', async () => appendFileSync(log, 'mine in\n'));
    // The other process's turn ends only when its stdin closes: without the lock "mine" would already be in the log.
    other.child.stdin.end();
    await mine;

    expect(await other.exited).toBe(0);
    expect(readFileSync(log, 'utf8')).toBe('other in\nother out\nmine in\n');
    expect(existsSync(lockFile)).toBe(false);
  });

  test('takes over a lock left by a process that died, and releases it after a failure too', async () => {
    const lockFile = join(work, 'stale.lock');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(lockFile, dead.stdout);

    await expect(
      withLock(lockFile, 'test', async () => {
        expect(readFileSync(lockFile, 'utf8')).toBe(String(process.pid));
        throw new Error('install failed');
      }),
    ).rejects.toThrow('install failed');
    expect(existsSync(lockFile)).toBe(false);
  });
});
