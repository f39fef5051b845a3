// What the end-to-end instances (n8n, Node-RED as a child process) share: a port to give them, and one way to end them.
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** A port the kernel just handed out on 127.0.0.1; the instance binds it a moment later. */
export async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface ProcessEnd {
  code: number | null;
  signal: NodeJS.Signals | null;
  ms: number;
}

export function isRunning(child: ChildProcess | undefined): child is ChildProcess {
  return child !== undefined && child.exitCode === null && child.signalCode === null;
}

/**
 * Ends `child` with `signal` (SIGTERM as a service manager stops it, SIGINT as Ctrl-C, SIGKILL as a crash), and
 * with SIGKILL if it is still running after `graceMs`, so a hung instance cannot hold a test run. `undefined` when
 * it had already ended.
 */
export async function endProcess(
  child: ChildProcess | undefined,
  signal: NodeJS.Signals = 'SIGTERM',
  graceMs = 20_000,
): Promise<ProcessEnd | undefined> {
  if (!isRunning(child)) return undefined;
  const started = Date.now();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, exitSignal) => resolve({ code, signal: exitSignal })),
  );
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  const end = await exited;
  clearTimeout(timer);
  return { ...end, ms: Date.now() - started };
}
