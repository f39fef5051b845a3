import { packageTestConfig } from '../../vitest.shared';

export default packageTestConfig('sandbox', {
  // Installs Debian's Chromium for the console test and builds the CLI, when missing.
  globalSetup: ['test/support/global-setup.ts'],
});
