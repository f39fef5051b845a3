import { packageTestConfig } from '../../vitest.shared.ts';

// Node-RED keeps one runtime per process: test files must not share it. scripts/test-matrix.mjs runs the tests once
// per cell (BLAZWA_TEST_CELL): each cell writes its own report.
export default packageTestConfig(process.env.BLAZWA_TEST_CELL ?? 'node-red', { fileParallelism: false });
