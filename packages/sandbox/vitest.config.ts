import { packageTestConfig } from '../../vitest.shared.ts';

export default packageTestConfig('sandbox', {
  // Installs Debian's Chromium for the console test and builds the CLI, when missing.
  globalSetup: ['test/support/global-setup.ts'],
  // The console polls twice a second; a busy machine can be slow to repaint, so wait generously.
  expect: { poll: { timeout: 15_000, interval: 100 } },
});
