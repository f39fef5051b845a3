import { packageTestConfig } from '../../vitest.shared';

export default packageTestConfig('sandbox', {
  // Installs Debian's Chromium for the console test when it is missing (CI runs as root).
  globalSetup: ['test/support/chromium-setup.ts'],
});
