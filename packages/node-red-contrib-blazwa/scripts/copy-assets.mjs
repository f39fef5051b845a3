// Puts the editor files, message catalogues and icons where Node-RED looks for them: beside each node's .js.
import { cpSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'nodes');

for (const name of readdirSync(join(root, 'src', 'nodes'))) {
  cpSync(join(root, 'src', 'nodes', name, `${name}.html`), join(out, `${name}.html`));
}
cpSync(join(root, 'src', 'locales'), join(out, 'locales'), { recursive: true });
cpSync(join(root, 'src', 'icons'), join(out, 'icons'), { recursive: true });
