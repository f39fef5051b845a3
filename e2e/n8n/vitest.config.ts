import { packageTestConfig } from '../../vitest.shared.ts';

// A real n8n takes seconds per CLI command on a small machine; its one-time install happens in globalSetup.
export default packageTestConfig('e2e-n8n', {
  globalSetup: ['test/global-setup.ts'],
  testTimeout: 180_000,
  hookTimeout: 300_000,
});
