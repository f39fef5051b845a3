// Which Node and Node-RED this run really uses. scripts/test-matrix.mjs runs the tests once per cell and names in
// BLAZWA_EXPECT_* what that cell must be: a wrong binary or an ignored BLAZWA_NODE_RED fails here instead of
// quietly testing one pairing twice.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { expect, it } from 'vitest';
import { helper } from './support.js';

const require = createRequire(import.meta.url);
const nodeRedDir = process.env.BLAZWA_NODE_RED ?? dirname(require.resolve('node-red/package.json'));
const nodeRedPackage = JSON.parse(readFileSync(join(nodeRedDir, 'package.json'), 'utf8')) as { version: string; engines: { node: string } };
const ourPackage = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  engines: { node: string };
  'node-red': { version: string };
};
/** The runtime node-red-node-test-helper loaded, and so the one every test's nodes run in. */
const running = (helper as unknown as { _RED: { version(): string } })._RED.version();
const cell = process.env.BLAZWA_TEST_CELL;

/** `version` is at least the `>=x.y.z` lower bound of a package.json range. */
function atLeast(version: string, range: string): boolean {
  const bound = /^>=\s*([\d.]+)$/.exec(range.trim());
  if (!bound) throw new Error(`expected a ">=x.y.z" range, got "${range}"`);
  const [have, want] = [version, bound[1]!].map((text) => text.split(/[.-]/).slice(0, 3).map(Number));
  for (let i = 0; i < 3; i++) if ((have![i] ?? 0) !== (want![i] ?? 0)) return (have![i] ?? 0) > (want![i] ?? 0);
  return true;
}

it(`runs Node-RED ${running} on Node ${process.versions.node}${cell ? `, the matrix cell ${cell}` : ''}`, () => {
  // BLAZWA_NODE_RED (or the workspace's node-red) is the runtime the tests load, not another copy.
  expect(running).toBe(nodeRedPackage.version);
  // A pairing users can have: this Node-RED supports this Node, and the package claims both.
  const node = process.versions.node;
  expect(atLeast(node, nodeRedPackage.engines.node), `Node-RED ${running} needs Node ${nodeRedPackage.engines.node}, not ${node}`).toBe(true);
  expect(atLeast(node, ourPackage.engines.node), `the package declares Node ${ourPackage.engines.node}, not ${node}`).toBe(true);
  expect(atLeast(running, ourPackage['node-red'].version), `the package declares Node-RED ${ourPackage['node-red'].version}`).toBe(true);
  if (cell) {
    expect({ node, nodeRed: running }).toEqual({ node: process.env.BLAZWA_EXPECT_NODE, nodeRed: process.env.BLAZWA_EXPECT_NODE_RED });
    // The report is named after the cell: the name must say what ran.
    expect(cell).toBe(`node-red-${running.split('.')[0]}-node${node.split('.')[0]}`);
  }
});
