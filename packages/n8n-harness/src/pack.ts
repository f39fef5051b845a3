import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

import { NODES_PACKAGE_DIR } from './paths.ts';
import { pnpmCommand } from './pnpm.ts';

/** `pnpm pack` of n8n-nodes-blazwa as `pnpm publish` would upload it (turbo's ^build built dist first); the tarball's path. */
export function packNodesPackage(destination: string): string {
  const [command, prefix] = pnpmCommand();
  const pack = spawnSync(command, [...prefix, 'pack', '--pack-destination', destination], {
    cwd: NODES_PACKAGE_DIR,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (pack.status !== 0) throw new Error(`pnpm pack in ${NODES_PACKAGE_DIR} failed: ${pack.error?.message ?? ''}${pack.stderr}${pack.stdout}`);
  const tarball = readdirSync(destination).find((name) => /^n8n-nodes-blazwa-.*\.tgz$/.test(name));
  if (!tarball) throw new Error(`pnpm pack wrote no n8n-nodes-blazwa tarball into ${destination}`);
  return join(destination, tarball);
}
