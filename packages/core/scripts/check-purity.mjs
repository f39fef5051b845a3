// The main entry is bundled into the n8n package, whose rules forbid timers, `process`, environment and file
// access in published code, and it must load in any host. tsc already refuses Node's globals in src; this
// checks the built output too, where a dependency or a build step could have brought them in.
import { readdirSync, readFileSync } from 'node:fs';

const forbidden = [/\bprocess\./, /\bsetTimeout\b/, /\bsetInterval\b/, /\brequire\((?!['"]\.\/)/, /\bBuffer\b/, /from ['"]node:/, /\bglobalThis\b/];
let failed = false;
for (const file of readdirSync(new URL('../dist/', import.meta.url))
  .filter((name) => /^(index|chunk-).*\.c?js$/.test(name))
  .map((name) => `dist/${name}`)) {
  const code = readFileSync(new URL(`../${file}`, import.meta.url), 'utf8');
  for (const pattern of forbidden) {
    const match = pattern.exec(code);
    if (match) {
      failed = true;
      const line = code.slice(0, match.index).split('\n').length;
      console.error(`${file}:${line}: ${match[0]} is not allowed in @blazwa/core's main entry`);
    }
  }
}
if (failed) process.exit(1);
console.log('core main entry is pure: no timers, process, Buffer, require or node: imports');
