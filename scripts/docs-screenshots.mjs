// `pnpm docs:screenshots`: refreshes the README's pictures in docs/screenshots/. They come from the demo's editor
// test, which a plain test run points at the ignored .test-results/ instead, so that only this command changes them.
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const docs = new URL('../docs/screenshots/', import.meta.url).pathname;

function run(command, env = process.env) {
  const result = spawnSync(command[0], command.slice(1), { cwd: root, stdio: 'inherit', env });
  if (result.status !== 0) {
    console.error(`\n✗ ${command.join(' ')} failed: docs/screenshots/ may be half refreshed (git checkout docs/screenshots undoes it)`);
    process.exit(result.status || 1);
  }
}

run(['pnpm', 'exec', 'turbo', 'run', 'build', '--filter=@blazwa/demo...', '--output-logs=errors-only']);
run(['pnpm', '--filter', '@blazwa/demo', 'exec', 'vitest', 'run', 'test/editor.test.ts'], { ...process.env, BLAZWA_SCREENSHOTS: docs });
console.log('\nRefreshed docs/screenshots/; `git status docs/screenshots` shows which pictures changed.');
