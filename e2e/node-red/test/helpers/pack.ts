import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { npm } from '@blazwa/test-support/npm';

import { PACKAGE_DIR } from './paths.js';

/** `npm pack` of node-red-contrib-blazwa as `npm publish` would upload it (turbo's ^build built dist first); the tarball's path. */
export function packPackage(destination: string): { tarball: string; version: string; files: string[] } {
  const [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', destination], PACKAGE_DIR)) as Array<{
    filename: string;
    files: Array<{ path: string }>;
  }>;
  if (!packed) throw new Error(`npm pack in ${PACKAGE_DIR} reported no tarball`);
  const { version } = JSON.parse(readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8')) as { version: string };
  return { tarball: join(destination, packed.filename), version, files: packed.files.map((file) => file.path) };
}
