// npm as a person runs it, and installs of a committed package.json + lockfile into the repository's .cache/. Plain
// JavaScript (typed by npm.d.mts), so the Node-RED package's test script can use it as well as the TypeScript tests.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

const MARKER = '.blazwa-installed';
const CI_ARGS = ['ci', '--no-audit', '--no-fund', '--loglevel=warn'];

/**
 * The environment npm gets when a person runs it: without the npm_config_* / pnpm_config_* that a pnpm script
 * inherits (pnpm points npm's global config at its own, losing the machine's registry and CA settings, and npm
 * hangs), and with `nodeBin` first on PATH when npm should run on that Node.
 */
export function userEnv(nodeBin) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(npm|pnpm)_config_/i.test(name)));
  if (nodeBin) env.PATH = `${nodeBin}${delimiter}${env.PATH ?? ''}`;
  return env;
}

/** Runs npm to the end in `cwd`; a failure throws with npm's own words. Its stdout. */
export function npm(args, cwd, env = userEnv(), timeoutMs = 300_000) {
  const run = spawnSync('npm', args, { cwd, env, encoding: 'utf8', timeout: timeoutMs });
  if (run.status !== 0) {
    throw new Error(`npm ${args.join(' ')} in ${cwd} failed (${run.error?.message ?? `exit ${run.status}`}):\n${run.stderr}\n${run.stdout}`);
  }
  return run.stdout;
}

function fingerprint(template) {
  const hash = createHash('sha256').update(CI_ARGS.join(' '));
  for (const file of readdirSync(template).sort()) hash.update(file).update(readFileSync(join(template, file)));
  return hash.digest('hex');
}

function installed(dir) {
  return existsSync(join(dir, MARKER)) ? readFileSync(join(dir, MARKER), 'utf8') : undefined;
}

/**
 * `npm ci` of the `template` folder into `dir`, unless `dir` already holds that install; `check` is a file that
 * exists only after a complete one. Returns whether it installed.
 */
export function installTemplate({ name, template, dir, check, progress = () => {}, timeoutMs = 15 * 60_000 }) {
  const wanted = fingerprint(template);
  if (existsSync(check) && installed(dir) === wanted) return false;
  const started = Date.now();
  progress(`${name}: installing into ${dir}`);
  mkdirSync(dirname(dir), { recursive: true });
  // Installed beside the final folder and moved into place whole: a run that stops half-way, or a second run at the
  // same time, never leaves a folder that looks complete and is not.
  const partial = mkdtempSync(`${dir}.partial-`);
  try {
    for (const file of readdirSync(template)) copyFileSync(join(template, file), join(partial, file));
    npm(CI_ARGS, partial, undefined, timeoutMs);
    writeFileSync(join(partial, MARKER), wanted);
    if (installed(dir) !== wanted) {
      rmSync(dir, { recursive: true, force: true });
      renameSync(partial, dir);
    }
  } finally {
    rmSync(partial, { recursive: true, force: true });
  }
  if (!existsSync(check)) throw new Error(`${name}: npm ci in ${dir} finished, but ${check} is missing`);
  progress(`${name}: installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return true;
}
