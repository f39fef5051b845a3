import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CHROMIUM = '/usr/bin/chromium';
const PACKAGE = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Before any test: the browser the console test drives, and the built CLI the CLI test runs. */
export default function setup(): void {
  installChromium();
  buildIfMissing();
}

/**
 * Debian's Chromium (tools that download their own browser cannot reach the internet here). A fresh CI machine
 * runs as root with apt: install it there, once.
 */
function installChromium(): void {
  if (existsSync(CHROMIUM)) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`${CHROMIUM} is missing: install it with "sudo apt-get install -y chromium" (the console test needs it)`);
  }
  execFileSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium'], {
    stdio: 'inherit',
    timeout: 10 * 60_000,
  });
}

/** turbo builds before testing; a bare `vitest run` in a fresh checkout has no dist/ yet. */
function buildIfMissing(): void {
  if (existsSync(join(PACKAGE, 'dist', 'cli.js'))) return;
  const require = createRequire(join(PACKAGE, 'package.json'));
  const tsup = join(dirname(require.resolve('tsup/package.json')), 'dist', 'cli-default.js');
  execFileSync(process.execPath, [tsup], { cwd: PACKAGE, stdio: 'inherit', timeout: 5 * 60_000 });
}
