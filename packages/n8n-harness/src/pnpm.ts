/** pnpm as this test run was started (CI's `npx -p pnpm@…`), else the one on PATH. */
export function pnpmCommand(): [string, string[]] {
  const execPath = process.env.npm_execpath ?? '';
  if (!execPath.includes('pnpm')) return ['pnpm', []];
  return /\.[cm]?js$/.test(execPath) ? [process.execPath, [execPath]] : [execPath, []];
}
