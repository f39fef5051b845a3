import { packageTestConfig } from '../../vitest.shared.ts';

// Node-RED starts in seconds, but an npm install of the packed package fetches its dependencies from the registry;
// the one-time installs of Node-RED itself happen in globalSetup.
export default packageTestConfig('e2e-node-red', {
  globalSetup: ['test/global-setup.ts'],
  testTimeout: 120_000,
  hookTimeout: 300_000,
});
