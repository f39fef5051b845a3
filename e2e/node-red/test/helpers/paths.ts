import { join } from 'node:path';

export const REPO_ROOT = join(import.meta.dirname, '..', '..', '..', '..');
/** Outside the workspace's packages (and gitignored): installs survive between runs. */
export const CACHE_DIR = join(REPO_ROOT, '.cache');
/** Each Node-RED's package.json and lockfile, committed so every run installs the same tree. */
export const TEMPLATES_DIR = join(import.meta.dirname, '..', '..', 'instances');
export const PACKAGE_DIR = join(REPO_ROOT, 'packages', 'node-red-contrib-blazwa');
export const PACKAGE_NAME = 'node-red-contrib-blazwa';
