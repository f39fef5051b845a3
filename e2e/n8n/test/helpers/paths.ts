import { join } from 'node:path';

export const REPO_ROOT = join(import.meta.dirname, '..', '..', '..', '..');
/** What the instance's package.json pins; the cache folder is named for it so a version bump installs afresh. */
export const N8N_VERSION = '2.41.1';
/** The instance's package.json, .npmrc and lockfile, committed so every run installs the same tree. */
export const INSTANCE_TEMPLATE = join(import.meta.dirname, '..', '..', 'instance');
/** Outside the workspace's packages (and gitignored): the install survives between runs. */
export const INSTANCE_DIR = join(REPO_ROOT, '.cache', `n8n-${N8N_VERSION}`);
export const N8N_BIN = join(INSTANCE_DIR, 'node_modules', 'n8n', 'bin', 'n8n');
export const NODES_PACKAGE_DIR = join(REPO_ROOT, 'packages', 'n8n-nodes-blazwa');
