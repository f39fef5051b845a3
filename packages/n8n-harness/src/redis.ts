// Debian's Redis, private to one test run: its own port on 127.0.0.1 and its own folder, nothing saved to disk.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startDaemon, stopPid } from './daemon.ts';
import { freePort } from './instance.ts';

export const REDIS_SERVER = '/usr/bin/redis-server';

export interface Redis {
  readonly host: '127.0.0.1';
  readonly port: number;
  readonly pid: number;
  stop(): Promise<void>;
}

export async function startRedis(): Promise<Redis> {
  if (!existsSync(REDIS_SERVER)) {
    throw new Error(`${REDIS_SERVER} is missing: n8n's queue mode needs Debian's redis-server. Install it with "sudo bash scripts/system-deps.sh".`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'blazwa-redis-'));
  const port = await freePort();
  // Jobs live only as long as the run: no RDB snapshot, no append-only file.
  const args = ['--bind', '127.0.0.1', '--port', String(port), '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no'];
  const { child } = await startDaemon('redis-server', REDIS_SERVER, args, 'Ready to accept connections');
  const pid = child.pid!;
  return {
    host: '127.0.0.1',
    port,
    pid,
    async stop() {
      await stopPid(pid);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
