import { join } from 'node:path';
import { defineConfig, type ViteUserConfig } from 'vitest/config';

/** Every package's vitest settings: its tests, and a JSON report for the root's closing summary line. */
export function packageTestConfig(packageName: string, overrides: ViteUserConfig['test'] = {}): ViteUserConfig {
  const results = process.env.BLAZWA_TEST_RESULTS;
  return defineConfig({
    test: {
      include: ['test/**/*.test.ts'],
      testTimeout: 30_000,
      hookTimeout: 60_000,
      reporters: results ? ['default', ['json', { outputFile: join(results, `${packageName}.json`) }]] : ['default'],
      ...overrides,
    },
  });
}
