import { join } from 'node:path';

export const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');
/** Outside the workspace's packages (and gitignored): installs survive between runs. */
export const CACHE_DIR = join(REPO_ROOT, '.cache');
/** Each instance's package.json and lockfile, committed so every run installs the same tree. */
export const TEMPLATES_DIR = join(import.meta.dirname, '..', 'instances');
export const NODES_PACKAGE_DIR = join(REPO_ROOT, 'packages', 'n8n-nodes-blazwa');
