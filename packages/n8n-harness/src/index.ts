// The n8n instances as the e2e tests and `pnpm demo:n8n` run them: installed once into .cache/, the packed
// n8n-nodes-blazwa installed as a community node, driven by n8n's CLI and the editor's REST API.
export { ensureInstalled, type Install } from './install.ts';
export { freePort, N8nInstance, type CliResult, type InstanceOptions, type ServerCommand } from './instance.ts';
export { packNodesPackage } from './pack.ts';
export { startPostgres, type Postgres } from './postgres.ts';
export { QueueMode, type QueueModeOptions } from './queue-mode.ts';
export { startRedis, type Redis } from './redis.ts';
export { CACHE_DIR, NODES_PACKAGE_DIR, REPO_ROOT, TEMPLATES_DIR } from './paths.ts';
export { pnpmCommand } from './pnpm.ts';
export { progress } from './progress.ts';
export { installN8n2, N8N_1, N8N_1_VERSION, N8N_2, N8N_2_VERSION, n8nBin, NODE_22_DIR, NODE_22_VERSION, RELEASES, type Release } from './releases.ts';
export { signIn, signInAsNewOwner, type Owner, type Session } from './rest.ts';
