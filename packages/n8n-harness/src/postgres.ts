// Debian's PostgreSQL, private to one test run: a fresh cluster in a temporary folder on its own port of
// 127.0.0.1, with a password as n8n's docs set it up. PostgreSQL refuses to run as root, so a root run starts it
// as Debian's `postgres` user (runuser); anyone else runs it as themselves.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startDaemon, stopPid } from './daemon.ts';
import { freePort } from './instance.ts';

const DEBIAN_POSTGRESQL = '/usr/lib/postgresql';

export interface Postgres {
  readonly host: '127.0.0.1';
  readonly port: number;
  readonly database: string;
  readonly user: string;
  readonly password: string;
  /** The postmaster's PID, as it wrote it in postmaster.pid. */
  readonly pid: number;
  /** Runs one SQL statement with psql; its rows, one a line, columns separated by `|`. */
  query(sql: string): string;
  stop(): Promise<void>;
}

/** The newest Debian PostgreSQL's bin folder (/usr/lib/postgresql/<major>/bin). */
function binDir(): string {
  const majors = existsSync(DEBIAN_POSTGRESQL)
    ? readdirSync(DEBIAN_POSTGRESQL)
        .filter((name) => existsSync(join(DEBIAN_POSTGRESQL, name, 'bin', 'postgres')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (majors.length === 0) {
    throw new Error(
      `PostgreSQL is missing (nothing in ${DEBIAN_POSTGRESQL}/*/bin): n8n's queue mode runs on Debian's postgresql. Install it with "sudo bash scripts/system-deps.sh".`,
    );
  }
  return join(DEBIAN_POSTGRESQL, majors[0]!, 'bin');
}

/** Root runs the server as `postgres`: uid and gid from /etc/passwd (the postgresql package creates that user). */
function serverUser(): { prefix: string[]; uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('postgres:'));
  if (!line) throw new Error('running as root, and there is no "postgres" user to run PostgreSQL as (the postgresql package creates it)');
  const [, , uid, gid] = line.split(':');
  return { prefix: ['runuser', '-u', 'postgres', '--'], uid: Number(uid), gid: Number(gid) };
}

export async function startPostgres(): Promise<Postgres> {
  const bin = binDir();
  const as = serverUser();
  const dir = mkdtempSync(join(tmpdir(), 'blazwa-postgres-'));
  const data = join(dir, 'data');
  const user = 'n8n';
  const database = 'n8n';
  const password = randomBytes(18).toString('base64url');
  const passwordFile = join(dir, 'password');
  writeFileSync(passwordFile, password, { mode: 0o600 });
  if (as) for (const path of [dir, passwordFile]) chownSync(path, as.uid, as.gid);

  const run = (command: string, args: string[]) => {
    const [program, ...rest] = [...(as?.prefix ?? []), join(bin, command), ...args];
    return spawnSync(program!, rest, { encoding: 'utf8', timeout: 120_000 });
  };
  const ok = (what: string, result: ReturnType<typeof run>) => {
    if (result.status !== 0)
      throw new Error(`${what} failed (${result.error?.message ?? `exit ${result.status}`}):\n${result.stderr}${result.stdout}`);
    return result.stdout;
  };

  try {
    // Over TCP a password, as n8n connects; over the folder's Unix socket trust, for the test's own psql.
    ok(
      'initdb',
      run('initdb', [
        '-D',
        data,
        '-U',
        user,
        `--pwfile=${passwordFile}`,
        '--auth-host=scram-sha-256',
        '--auth-local=trust',
        '-E',
        'UTF8',
        '--no-instructions',
      ]),
    );
  } finally {
    rmSync(passwordFile, { force: true });
  }

  const port = await freePort();
  // fsync off: a cluster that lives for one run does not need to survive a power cut, and it is much faster so.
  const serverArgs = [
    '-D',
    data,
    '-p',
    String(port),
    '-k',
    dir,
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'fsync=off',
    '-c',
    'synchronous_commit=off',
  ];
  const [program, ...rest] = [...(as?.prefix ?? []), join(bin, 'postgres'), ...serverArgs];
  const { child } = await startDaemon('postgres', program!, rest, 'database system is ready to accept connections').catch((error: unknown) => {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  });
  const pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);

  const psql = (db: string, sql: string) =>
    ok(
      `psql -c ${JSON.stringify(sql)}`,
      spawnSync(join(bin, 'psql'), ['-X', '-At', '-v', 'ON_ERROR_STOP=1', '-h', dir, '-p', String(port), '-U', user, '-d', db, '-c', sql], {
        encoding: 'utf8',
      }),
    );
  psql('postgres', `CREATE DATABASE ${database}`);

  return {
    host: '127.0.0.1',
    port,
    database,
    user,
    password,
    pid,
    query: (sql) => psql(database, sql).trim(),
    async stop() {
      // SIGINT is PostgreSQL's fast shutdown: it ends open sessions instead of waiting for n8n's pools to close.
      await stopPid(pid, 'SIGINT');
      if (child.exitCode === null && child.signalCode === null) await new Promise((resolve) => child.once('exit', resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
