import { spawnSync } from 'node:child_process';
import { delimiter } from 'node:path';

/**
 * The environment npm gets when a person runs it: without the npm_config_* / pnpm_config_* that a pnpm script
 * inherits (pnpm points npm's global config at its own, losing the machine's registry and CA settings, and npm
 * hangs), and with `nodeBin` first on PATH when npm should run on that Node.
 */
export function userEnv(nodeBin?: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(npm|pnpm)_config_/i.test(name)));
  if (nodeBin) env.PATH = `${nodeBin}${delimiter}${env.PATH ?? ''}`;
  return env;
}

/** Runs npm to the end in `cwd`; a failure throws with npm's own words. Its stdout. */
export function npm(args: string[], cwd: string, env: NodeJS.ProcessEnv = userEnv(), timeoutMs = 300_000): string {
  const run = spawnSync('npm', args, { cwd, env, encoding: 'utf8', timeout: timeoutMs });
  if (run.status !== 0) {
    throw new Error(`npm ${args.join(' ')} in ${cwd} failed (${run.error?.message ?? `exit ${run.status}`}):\n${run.stderr}\n${run.stdout}`);
  }
  return run.stdout;
}
