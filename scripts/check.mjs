// `pnpm check`: everything CI holds a change to, in one command. Each step runs in turn and the first one that fails
// stops the run and is named, so a reader knows which command to run again. The steps turbo runs are cached per
// package: a second run after a small change redoes only what that change touched.
// `--no-tests` stops before the tests (`pnpm check:static`). The tests must leave the tree as they found it: a file
// they add or change, tracked or not ignored, fails the check.
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const withTests = !process.argv.includes('--no-tests');

const turbo = (...tasks) => ['pnpm', 'exec', 'turbo', 'run', ...tasks, '--output-logs=errors-only'];
const steps = [
  { name: 'format', command: ['pnpm', 'exec', 'prettier', '--check', '--log-level=warn', '.'], fix: 'pnpm format' },
  { name: 'typecheck', command: turbo('typecheck') },
  { name: 'lint', command: turbo('lint', 'lint:root') },
  { name: "core's purity", command: turbo('check:purity') },
  { name: 'dead code', command: ['pnpm', 'exec', 'knip'] },
  ...(withTests ? [{ name: 'tests', command: ['node', 'scripts/test.mjs'] }] : []),
];

/** `git status` in short form, or undefined outside a git checkout (a tarball of the sources). */
function treeStatus() {
  const git = spawnSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: root, encoding: 'utf8' });
  return git.status === 0 ? git.stdout : undefined;
}

for (const [index, step] of steps.entries()) {
  const before = step.name === 'tests' ? treeStatus() : undefined;
  console.log(`\n▶ check ${index + 1}/${steps.length}: ${step.name} (${step.command.join(' ')})`);
  const started = Date.now();
  const run = spawnSync(step.command[0], step.command.slice(1), { cwd: root, stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (run.status !== 0) {
    const reason = run.error ? run.error.message : run.signal ? `stopped by ${run.signal}` : `exit code ${run.status}`;
    console.error(`\n✗ check failed at step ${index + 1}/${steps.length}, ${step.name} (${reason}, ${seconds} s)`);
    if (step.fix) console.error(`  to fix it: ${step.fix}`);
    process.exit(run.status || 1);
  }
  if (before !== undefined) {
    const changed = (treeStatus() ?? '').split('\n').filter((line) => line && !before.split('\n').includes(line));
    if (changed.length > 0) {
      console.error(`\n✗ check failed at step ${index + 1}/${steps.length}, ${step.name}: they changed the tree\n${changed.join('\n')}`);
      console.error('  tests write under .test-results/ (ignored); docs/screenshots/ changes only with pnpm docs:screenshots');
      process.exit(1);
    }
  }
  // The tests print the run's closing count; nothing may follow it.
  if (step.name !== 'tests') console.log(`✓ ${step.name} (${seconds} s)`);
}
if (!withTests) console.log(`\n✓ all ${steps.length} checks passed (the tests were not run)`);
