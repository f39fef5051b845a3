// Packs this package, installs the tarball with npm into a plain Node-RED user folder, starts Node-RED there and
// checks that the four nodes load without errors. Needs the npm registry (for undici and qrcode).
// Usage: [NODE_BIN=/usr/bin/node] node scripts/check-install.mjs [path to node-red's red.js]
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const redJs = process.argv[2] ?? createRequire(join(root, 'package.json')).resolve('node-red/red.js');
const work = mkdtempSync(join(tmpdir(), 'blazwa-pack-'));
const userDir = join(work, 'user');
// npm as a user runs it: without the npm_config_* that pnpm puts in its scripts' environment (a pnpm run points
// npm's global config at pnpm's, losing the machine's registry settings).
const userEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(npm|pnpm)_config_/i.test(name)));
const run = (command, args, cwd) => execFileSync(command, args, { cwd, env: userEnv, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });

try {
  run('pnpm', ['pack', '--pack-destination', work], root);
  const tarball = join(work, readdirSync(work).find((name) => name.endsWith('.tgz')));
  console.log(`packed ${tarball}`);
  console.log(run('tar', ['-tzf', tarball], work).trim().split('\n').map((line) => `  ${line}`).join('\n'));
  execFileSync('mkdir', ['-p', userDir]);
  writeFileSync(join(userDir, 'package.json'), JSON.stringify({ name: 'node-red-project', private: true }));
  run('npm', ['install', '--no-audit', '--no-fund', '--omit=dev', tarball], userDir);

  const port = 18000 + Math.floor(Math.random() * 1000);
  writeFileSync(join(userDir, 'settings.js'), `module.exports = { uiHost: '127.0.0.1', uiPort: ${port}, flowFile: 'flows.json', credentialSecret: 'check' };`);
  // NODE_BIN runs Node-RED on another Node (Node-RED 3.x needs Node 20 or older).
  const nodeRed = spawn(process.env.NODE_BIN ?? process.execPath, [redJs, '--userDir', userDir, '--settings', join(userDir, 'settings.js')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  nodeRed.stdout.on('data', (chunk) => (output += chunk));
  nodeRed.stderr.on('data', (chunk) => (output += chunk));
  try {
    const started = Date.now();
    while (!output.includes('Started flows')) {
      if (Date.now() - started > 60_000 || nodeRed.exitCode !== null) throw new Error(`Node-RED did not start:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const nodes = await (await fetch(`http://127.0.0.1:${port}/nodes`, { headers: { accept: 'application/json' } })).json();
    const ours = nodes.filter((set) => set.module === 'node-red-contrib-blazwa');
    for (const set of ours) console.log(`${set.name}: ${set.types.join(', ')} enabled=${set.enabled}${set.err ? ` ERROR ${set.err}` : ''}`);
    const html = await (await fetch(`http://127.0.0.1:${port}/nodes`, { headers: { accept: 'text/html' } })).text();
    const problems = [];
    if (ours.length !== 4 || ours.some((set) => !set.enabled || set.err)) problems.push('not every node set loaded');
    for (const type of ['blazwa-config', 'blazwa-send', 'blazwa-status', 'blazwa-trigger']) {
      if (!html.includes(`RED.nodes.registerType('${type}'`)) problems.push(`editor code of ${type} missing`);
    }
    if (/\[(error|warn)\].*blazwa/i.test(output)) problems.push('Node-RED logged an error or warning about blazwa');
    console.log(output.split('\n').filter((line) => /blazwa|error/i.test(line)).join('\n'));
    if (problems.length > 0) throw new Error(problems.join('; '));
    console.log(`OK: ${tarball} installs with npm and loads in Node-RED (${redJs})`);
  } finally {
    nodeRed.kill();
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
