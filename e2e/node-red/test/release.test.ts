// What the release workflow would publish, checked here because it cannot run here: exactly the three public
// packages, each installable from the registry alone (no workspace package among its dependencies), each with a
// changelog, published with provenance only after `pnpm check` passed. The tarballs are the ones `npm pack` makes,
// which is what e2e/node-red and e2e/n8n install into real Node-RED and n8n.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { REPO_ROOT } from './helpers/paths.js';

interface Manifest {
  name: string;
  private?: boolean;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
}

const PUBLISHED = ['@blazwa/sandbox', 'n8n-nodes-blazwa', 'node-red-contrib-blazwa'];

function workspacePackages(): Array<{ dir: string; manifest: Manifest }> {
  const dirs = ['packages', 'e2e'].flatMap((parent) => readdirSync(join(REPO_ROOT, parent)).map((name) => join(REPO_ROOT, parent, name)));
  return [...dirs, join(REPO_ROOT, 'bench'), join(REPO_ROOT, 'demo')]
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest }));
}

describe('the release', () => {
  const packages = workspacePackages();
  const published = packages.filter(({ manifest }) => manifest.private !== true);

  it('publishes exactly the three public packages; every other workspace package is private', () => {
    expect(published.map(({ manifest }) => manifest.name).sort()).toEqual(PUBLISHED);
  });

  it.each(PUBLISHED)('%s installs from the registry alone and has a changelog', (name) => {
    const { dir, manifest } = published.find(({ manifest: candidate }) => candidate.name === name)!;
    const workspaceNames = new Set(packages.map(({ manifest: other }) => other.name));
    const runtime = { ...manifest.dependencies, ...manifest.peerDependencies };
    expect(Object.keys(runtime).filter((dependency) => workspaceNames.has(dependency) || runtime[dependency]!.startsWith('workspace:'))).toEqual([]);
    expect(readFileSync(join(dir, 'CHANGELOG.md'), 'utf8')).toMatch(new RegExp(`^# ${name.replace('/', '\\/')}\\n`));
    // The tarball npm packs is what the registry gets; it carries the built code, not the sources or tests.
    const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: dir, encoding: 'utf8' })) as Array<{
      files: Array<{ path: string }>;
    }>;
    const files = pack!.files.map((file) => file.path);
    expect(files).toContain('package.json');
    expect(files.some((file) => file.startsWith('dist/'))).toBe(true);
    expect(files.filter((file) => /^(src|test)\//.test(file))).toEqual([]);
  });

  it('publishes from CI with provenance, only after pnpm check passed on the same commit', () => {
    const workflow = parse(readFileSync(join(REPO_ROOT, '.github', 'workflows', 'release.yml'), 'utf8')) as {
      permissions: Record<string, string>;
      jobs: Record<string, { steps: Step[] }>;
    };
    expect(workflow.permissions['id-token']).toBe('write');
    const steps = Object.values(workflow.jobs)[0]!.steps;
    const check = steps.findIndex((step) => /\bpnpm check$/.test(step.run ?? ''));
    const release = steps.findIndex((step) => step.uses?.startsWith('changesets/action@'));
    expect(check).toBeGreaterThan(-1);
    expect(release).toBeGreaterThan(check);
    expect(steps[release]!.with!.publish).toMatch(/\bchangeset publish$/);
    expect(steps[release]!.env!.NPM_CONFIG_PROVENANCE).toBe('true');
  });
});
