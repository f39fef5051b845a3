import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';

/**
 * The console test drives Debian's Chromium (tools that download their own browser cannot reach the internet
 * here). A fresh CI machine runs as root with apt: install it there, once, before the tests start.
 */
export default function setup(): void {
  if (existsSync(CHROMIUM)) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`${CHROMIUM} is missing: install it with "sudo apt-get install -y chromium" (the console test needs it)`);
  }
  execFileSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium'], {
    stdio: 'inherit',
    timeout: 10 * 60_000,
  });
}
