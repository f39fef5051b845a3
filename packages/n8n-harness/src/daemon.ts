// A server process the tests start and stop themselves (Redis, PostgreSQL): its output kept for error messages,
// ready once it prints a line, stopped by its PID.
import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

export interface Daemon {
  readonly child: ChildProcess;
  /** The last lines it printed. */
  readonly log: () => string;
}

/** Spawns `command`, resolving once its output contains `readyLine`; fails with its output if it exits or stalls. */
export async function startDaemon(name: string, command: string, args: string[], readyLine: string, timeoutMs = 60_000): Promise<Daemon> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-10_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let failure: string | undefined;
  child.once('error', (error) => (failure = error.message));
  child.once('exit', (code, signal) => (failure ??= `exited (${code ?? signal})`));
  const deadline = Date.now() + timeoutMs;
  while (!output.includes(readyLine)) {
    if (failure) throw new Error(`${name} (${command} ${args.join(' ')}) ${failure} before it was ready:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} was not ready after ${timeoutMs / 1000} s:\n${output}`);
    }
    await sleep(100);
  }
  return { child, log: () => output };
}

/** Whether a process with this id runs (EPERM: it does, under another user). */
export function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Sends `signal` to `pid` and waits for it to be gone, then SIGKILL after `graceMs`. */
export async function stopPid(pid: number, signal: NodeJS.Signals = 'SIGTERM', graceMs = 20_000): Promise<void> {
  if (!running(pid)) return;
  process.kill(pid, signal);
  const deadline = Date.now() + graceMs;
  while (running(pid) && Date.now() < deadline) await sleep(100);
  if (running(pid)) process.kill(pid, 'SIGKILL');
  while (running(pid)) await sleep(50);
}
