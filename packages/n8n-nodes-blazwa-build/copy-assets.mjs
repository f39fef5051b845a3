// n8n reads icons (file:…) and codex files (*.node.json) next to the built code, at the same relative paths:
// copied from n8n-nodes-blazwa's sources into its dist/, after tsup has built it.
import { cpSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'n8n-nodes-blazwa');
const assets = ['icons/blazwa.svg', 'icons/blazwa.dark.svg'];
for (const dir of ['nodes/Blazwa', 'nodes/BlazwaTrigger']) {
	for (const file of readdirSync(join(root, dir)))
		if (file.endsWith('.node.json')) assets.push(`${dir}/${file}`);
}
for (const asset of assets) {
	mkdirSync(dirname(join(root, 'dist', asset)), { recursive: true });
	cpSync(join(root, asset), join(root, 'dist', asset));
}
console.log(`copied ${assets.length} assets to dist/`);
