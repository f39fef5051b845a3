// Installs a program from a committed package.json + lockfile into .cache/, once: later runs reuse the folder
// while the template files (and the Node that built its native modules) are unchanged. One process at a time.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { withLock } from './lock.ts';
import { progress } from './progress.ts';

export interface Install {
  /** For the log: what is being installed. */
  name: string;
  /** The committed folder with package.json and its lockfile (and .npmrc). */
  template: string;
  dir: string;
  /** A file that exists only after a complete install. */
  check: string;
  command: string;
  /** Arguments that only locate the program (pnpm's script when run by Node): not part of the fingerprint. */
  launcher?: string[];
  args: string[];
  env?: NodeJS.ProcessEnv;
  /** The Node version native modules are built for: another one needs a fresh install. */
  runtime: string;
  timeoutMs?: number;
  /** Said before a fresh install starts: how long it may take, and where it goes. */
  note?: string;
}

const MARKER = '.blazwa-installed';

function fingerprint(install: Install): string {
  const hash = createHash('sha256').update(`${install.runtime} ${install.args.join(' ')}`);
  for (const file of readdirSync(install.template).sort()) hash.update(file).update(readFileSync(join(install.template, file)));
  return hash.digest('hex');
}

export async function ensureInstalled(install: Install): Promise<void> {
  mkdirSync(dirname(install.dir), { recursive: true });
  await withLock(`${install.dir}.lock`, install.name, () => installUnlessCurrent(install));
}

async function installUnlessCurrent(install: Install): Promise<void> {
  const wanted = fingerprint(install);
  const marker = join(install.dir, MARKER);
  if (existsSync(install.check) && existsSync(marker) && readFileSync(marker, 'utf8') === wanted) {
    progress(`${install.name}: cached in ${install.dir}`);
    return;
  }
  const started = Date.now();
  progress(`${install.name}: installing into ${install.dir}`);
  if (install.note) progress(install.note);
  mkdirSync(install.dir, { recursive: true });
  for (const file of readdirSync(install.template)) copyFileSync(join(install.template, file), join(install.dir, file));

  const child = spawn(install.command, [...(install.launcher ?? []), ...install.args], {
    cwd: install.dir,
    env: install.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Installs run side by side: each line says whose it is.
  let tail = '';
  const relay = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-4000);
    for (const line of chunk.toString().split('\n')) if (line.trim()) process.stderr.write(`  [${install.name}] ${line}\n`);
  };
  child.stdout.on('data', relay);
  child.stderr.on('data', relay);
  const timeoutMs = install.timeoutMs ?? 15 * 60_000;
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const outcome = await new Promise<string | number | null>((resolve) => {
    child.once('error', (error) => resolve(error.message));
    child.once('close', (code, signal) => resolve(signal ? `killed by ${signal} after ${timeoutMs / 1000} s` : code));
  });
  clearTimeout(timer);
  if (outcome !== 0 || !existsSync(install.check)) {
    throw new Error(`${install.name}: \`${install.command} ${install.args.join(' ')}\` in ${install.dir} failed (${outcome}):\n${tail}`);
  }
  writeFileSync(marker, wanted);
  progress(`${install.name}: installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
