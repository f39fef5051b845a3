// The package's tests once per Node-RED release line users run, each on the Node that release line needs: vitest
// starts on the cell's own Node with BLAZWA_NODE_RED pointing at the cell's Node-RED, and writes its own report
// (<cell>.json in $BLAZWA_TEST_RESULTS). test/runtime.test.ts checks each cell really runs what it says here.
// Usage: node scripts/test-matrix.mjs [vitest arguments, given to every cell]
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import { nodeFromRegistry } from './node-from-registry.mjs';

const packageDir = join(import.meta.dirname, '..');
const require = createRequire(join(packageDir, 'package.json'));
const vitest = join(dirname(require.resolve('vitest/package.json')), 'vitest.mjs');

const cells = [
  // node-red-3: npm:node-red@3.1, the oldest Node-RED the package declares ("node-red": { "version": ">=3.1.0" }),
  // on Node 20, the oldest Node line it declares: a user on a Raspberry Pi that was set up years ago.
  {
    name: 'node-red-3-node20',
    nodeRed: 'node-red-3',
    nodeRedMajor: 3,
    node: () => nodeFromRegistry(join(import.meta.dirname, 'node-20')),
    nodeMajor: 20,
  },
  // node-red: the workspace's 4.x, on Node 20 too.
  {
    name: 'node-red-4-node20',
    nodeRed: 'node-red',
    nodeRedMajor: 4,
    node: () => nodeFromRegistry(join(import.meta.dirname, 'node-20')),
    nodeMajor: 20,
  },
  // node-red-5: npm:node-red@^5 (it needs Node >= 22.9); Node 24: the one running this script, as in CI.
  { name: 'node-red-5-node24', nodeRed: 'node-red-5', nodeRedMajor: 5, node: () => process.execPath, nodeMajor: 24 },
];

const major = (version) => Number(version.split('.')[0]);

/** The cell's Node binary and Node-RED folder, with their versions checked against what the cell promises. */
function resolveCell(cell) {
  const node = cell.node();
  const nodeVersion = execFileSync(node, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim();
  const nodeRedDir = dirname(require.resolve(`${cell.nodeRed}/package.json`));
  const nodeRedVersion = JSON.parse(readFileSync(join(nodeRedDir, 'package.json'), 'utf8')).version;
  if (major(nodeVersion) !== cell.nodeMajor || major(nodeRedVersion) !== cell.nodeRedMajor) {
    throw new Error(
      `${cell.name} would run Node-RED ${nodeRedVersion} on Node ${nodeVersion} (${node}); check the matrix in ${import.meta.filename}`,
    );
  }
  return { node, nodeVersion, nodeRedDir, nodeRedVersion };
}

// `pnpm test -- <args>` hands the script its `--` too.
const vitestArgs = process.argv.slice(2).filter((arg, index) => !(index === 0 && arg === '--'));
const outcomes = [];
for (const cell of cells) {
  const { node, nodeVersion, nodeRedDir, nodeRedVersion } = resolveCell(cell);
  console.log(`\n=== ${cell.name}: Node-RED ${nodeRedVersion} on Node ${nodeVersion} ===\n`);
  const run = spawnSync(node, [vitest, 'run', ...vitestArgs], {
    cwd: packageDir,
    stdio: 'inherit',
    env: {
      ...process.env,
      BLAZWA_NODE_RED: nodeRedDir,
      BLAZWA_TEST_CELL: cell.name,
      BLAZWA_EXPECT_NODE: nodeVersion,
      BLAZWA_EXPECT_NODE_RED: nodeRedVersion,
    },
  });
  outcomes.push({ cell, passed: run.status === 0, what: `Node-RED ${nodeRedVersion} on Node ${nodeVersion}` });
}

console.log('\nNode-RED matrix:');
for (const { cell, passed, what } of outcomes) console.log(`  ${passed ? 'passed' : 'FAILED'}  ${cell.name} (${what})`);
process.exit(outcomes.every((outcome) => outcome.passed) ? 0 : 1);
