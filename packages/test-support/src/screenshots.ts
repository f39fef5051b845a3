// Browser tests take pictures as evidence of what a person sees. They go under the ignored .test-results/, so a test
// run leaves the tree as it found it; `pnpm docs:screenshots` sets BLAZWA_SCREENSHOTS to docs/screenshots/ when the
// README's pictures are meant to change.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The folder for one suite's pictures, made if missing: $BLAZWA_SCREENSHOTS, else .test-results/screenshots/<suite>/. */
export function screenshotsDir(suite: string): string {
  const dir = process.env.BLAZWA_SCREENSHOTS || join(REPO_ROOT, '.test-results', 'screenshots', suite);
  mkdirSync(dir, { recursive: true });
  return dir;
}
