// Installs the n8n instance once, outside the workspace, the way a self-hoster installs n8n from npm; later runs
// reuse it while its package.json, .npmrc and lockfile are unchanged.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { INSTANCE_DIR, INSTANCE_TEMPLATE, N8N_BIN, N8N_VERSION } from './helpers/paths.js';
import { pnpmCommand } from './helpers/pnpm.js';
import { progress } from './helpers/progress.js';

const TEMPLATE_FILES = ['package.json', '.npmrc', 'pnpm-lock.yaml'];
const MARKER = join(INSTANCE_DIR, '.blazwa-installed');
const INSTALL_TIMEOUT_MS = 15 * 60_000;

function fingerprint(): string {
  const hash = createHash('sha256');
  for (const file of TEMPLATE_FILES) hash.update(file).update(readFileSync(join(INSTANCE_TEMPLATE, file)));
  return `${process.version.split('.')[0]} ${hash.digest('hex')}`;
}

export default function setup(): void {
  const wanted = fingerprint();
  if (existsSync(N8N_BIN) && existsSync(MARKER) && readFileSync(MARKER, 'utf8') === wanted) {
    progress(`n8n ${N8N_VERSION}: cached in ${INSTANCE_DIR}`);
    return;
  }
  progress(`n8n ${N8N_VERSION}: installing into ${INSTANCE_DIR} (about 1.9 GB; 30 s with a warm pnpm store, a few minutes cold)`);
  mkdirSync(INSTANCE_DIR, { recursive: true });
  for (const file of TEMPLATE_FILES) copyFileSync(join(INSTANCE_TEMPLATE, file), join(INSTANCE_DIR, file));

  const [command, prefix] = pnpmCommand();
  // --ignore-workspace: the folder sits inside this repository, but the instance must not join its workspace.
  const install = spawnSync(
    command,
    [...prefix, 'install', '--ignore-workspace', '--frozen-lockfile', '--reporter=append-only'],
    {
      cwd: INSTANCE_DIR,
      stdio: ['ignore', process.stderr, process.stderr],
      timeout: INSTALL_TIMEOUT_MS,
    },
  );
  if (install.status !== 0 || !existsSync(N8N_BIN)) {
    const why = install.error ? install.error.message : `exit status ${install.status}`;
    throw new Error(`Installing n8n ${N8N_VERSION} into ${INSTANCE_DIR} failed (${why}); its output is above`);
  }
  writeFileSync(MARKER, wanted);
  progress(`n8n ${N8N_VERSION}: installed`);
}
