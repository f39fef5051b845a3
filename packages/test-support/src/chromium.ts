import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium: tools that download their own browser cannot reach the internet here. */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Fails before the browser tests when Debian's Chromium is missing. Tests install nothing themselves: the system
 * packages come from scripts/system-deps.sh, run once before the test command. For a globalSetup or a beforeAll.
 */
export function ensureChromium(): void {
  if (existsSync(CHROMIUM)) return;
  throw new Error(
    `${CHROMIUM} is missing: the browser tests drive Debian's Chromium. Install it with "sudo bash scripts/system-deps.sh" (from the repository root), then run the tests again.`,
  );
}

/** Headless, and quiet on the network: this machine refuses every connection Chromium makes on its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
