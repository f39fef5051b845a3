// Installs Node-RED 3.1, 4 and 5 once, outside the workspace, the way people install Node-RED from npm, and packs the
// package the tests install into each fresh user folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { installTemplate } from '@blazwa/test-support/npm';
import type { TestProject } from 'vitest/node';

import { packPackage } from './helpers/pack.js';
import { progress } from './helpers/progress.js';
import { RELEASES } from './helpers/releases.js';

declare module 'vitest' {
  export interface ProvidedContext {
    packed: { tarball: string; version: string; files: string[] };
  }
}

export default function setup(project: TestProject): () => void {
  for (const release of RELEASES) {
    const name = `node-red ${release.nodeRedVersion}`;
    if (!installTemplate({ name, template: release.template, dir: release.dir, check: release.redJs, progress }))
      progress(`${name}: cached in ${release.dir}`);
  }
  const workDir = mkdtempSync(join(tmpdir(), 'blazwa-e2e-node-red-pack-'));
  const packed = packPackage(workDir);
  progress(`packed ${packed.tarball} (${packed.files.length} files)`);
  project.provide('packed', packed);
  return () => rmSync(workDir, { recursive: true, force: true });
}
