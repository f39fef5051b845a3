import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium } from '@blazwa/test-support/chromium';

const PACKAGE = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Before any test: the browser the console test drives, and the built CLI the CLI test runs. */
export default function setup(): void {
  ensureChromium();
  buildIfMissing();
}

/** turbo builds before testing; a bare `vitest run` in a fresh checkout has no dist/ yet. */
function buildIfMissing(): void {
  if (existsSync(join(PACKAGE, 'dist', 'cli.js'))) return;
  const require = createRequire(join(PACKAGE, 'package.json'));
  const tsup = join(dirname(require.resolve('tsup/package.json')), 'dist', 'cli-default.js');
  execFileSync(process.execPath, [tsup], { cwd: PACKAGE, stdio: 'inherit', timeout: 5 * 60_000 });
}
