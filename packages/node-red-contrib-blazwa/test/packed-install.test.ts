// The package as a user gets it: packed, installed with npm into a plain Node-RED user folder (no workspace
// links), and loaded by Node-RED. The work is scripts/check-install.mjs, which people can also run by hand.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const SCRIPT = new URL('../scripts/check-install.mjs', import.meta.url).pathname;

describe('npm pack → npm install → Node-RED', () => {
  it('installs into a plain user folder and loads all four nodes with no errors', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [SCRIPT], { timeout: 240_000, maxBuffer: 16 * 2 ** 20 });
    expect(stdout).toMatch(/package\/dist\/nodes\/blazwa-send\.js/);
    for (const type of ['blazwa-config', 'blazwa-send', 'blazwa-status', 'blazwa-trigger']) {
      expect(stdout).toMatch(new RegExp(`${type}: ${type} enabled=true\\n`));
    }
    expect(stdout).toContain('installs with npm and loads in Node-RED');
  }, 300_000);
});
