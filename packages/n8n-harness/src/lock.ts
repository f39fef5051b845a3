// One install of a folder at a time across processes: the e2e tests and `pnpm demo:n8n` (or its test) may start
// side by side, and two package managers writing one node_modules break it.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

import { progress } from './progress.ts';

/** Whether a process with this id runs (EPERM: it does, under another user). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid written in the lock file, or undefined while it is being written or once it is gone. */
function holderOf(lockFile: string): number | undefined {
  try {
    const pid = Number(readFileSync(lockFile, 'utf8'));
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Runs `task` holding `lockFile` (created exclusively, holding this pid). A lock whose process is gone (killed
 * mid-install) is taken over; a live one is waited for, saying who holds it.
 */
export async function withLock<T>(lockFile: string, what: string, task: () => Promise<T>): Promise<T> {
  let told = false;
  for (;;) {
    try {
      writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = holderOf(lockFile);
    if (holder !== undefined && !running(holder)) {
      rmSync(lockFile, { force: true });
      continue;
    }
    if (!told && holder !== undefined) {
      progress(`${what}: process ${holder} is installing it; waiting for it to finish (lock ${lockFile})`);
      told = true;
    }
    await sleep(1000);
  }
  try {
    return await task();
  } finally {
    rmSync(lockFile, { force: true });
  }
}
