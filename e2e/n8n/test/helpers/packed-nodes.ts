import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll } from 'vitest';

import { packNodesPackage, progress } from '@blazwa/n8n-harness';

/**
 * Packs the nodes package once for this test file, into a temporary folder removed after its tests; the tarball's
 * path is read after `beforeAll`, so call the returned function inside a hook or test.
 */
export function packedNodes(name: string): () => string {
  let workDir: string | undefined;
  let tarball: string | undefined;
  beforeAll(() => {
    workDir = mkdtempSync(join(tmpdir(), `blazwa-e2e-n8n-${name}-`));
    tarball = packNodesPackage(workDir);
    progress(`packed ${tarball}`);
  });
  afterAll(() => {
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });
  return () => {
    if (!tarball) throw new Error('packedNodes(): the tarball is packed in beforeAll; read it in a hook or a test');
    return tarball;
  };
}
