// n8n-nodes-blazwa's folder, reached through this package's workspace dependency on it: its built dist/, the
// examples/ it ships and the manifest `pnpm pack` reads.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

export const PACKAGE_DIR = dirname(
	createRequire(import.meta.url).resolve('n8n-nodes-blazwa/package.json'),
);
