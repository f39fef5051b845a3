// Installs a Node-RED release from its committed package.json + lockfile into .cache/ with npm, once: later runs
// reuse the folder while the template files are unchanged.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { npm } from './npm.js';
import { progress } from './progress.js';

const MARKER = '.blazwa-installed';
const NPM_ARGS = ['ci', '--no-audit', '--no-fund', '--loglevel=warn'];

function fingerprint(template: string): string {
  const hash = createHash('sha256').update(NPM_ARGS.join(' '));
  for (const file of readdirSync(template).sort()) hash.update(file).update(readFileSync(join(template, file)));
  return hash.digest('hex');
}

function marker(dir: string): string | undefined {
  return existsSync(join(dir, MARKER)) ? readFileSync(join(dir, MARKER), 'utf8') : undefined;
}

/** `npm ci` of `template` into `dir`, unless `dir` already holds that install; `check` exists only after a complete one. */
export function ensureInstalled(name: string, template: string, dir: string, check: string): void {
  const wanted = fingerprint(template);
  if (existsSync(check) && marker(dir) === wanted) {
    progress(`${name}: cached in ${dir}`);
    return;
  }
  const started = Date.now();
  progress(`${name}: installing into ${dir}`);
  mkdirSync(join(dir, '..'), { recursive: true });
  // Installed beside the final folder and moved into place whole: a run that stops half-way, or a second run at the
  // same time, never leaves a folder that looks complete and is not.
  const partial = mkdtempSync(`${dir}.partial-`);
  try {
    for (const file of readdirSync(template)) copyFileSync(join(template, file), join(partial, file));
    npm(NPM_ARGS, partial, undefined, 15 * 60_000);
    writeFileSync(join(partial, MARKER), wanted);
    if (marker(dir) !== wanted) {
      rmSync(dir, { recursive: true, force: true });
      renameSync(partial, dir);
    }
  } finally {
    rmSync(partial, { recursive: true, force: true });
  }
  if (!existsSync(check)) throw new Error(`${name}: npm ci in ${dir} finished, but ${check} is missing`);
  progress(`${name}: installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
