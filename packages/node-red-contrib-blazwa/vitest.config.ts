import { packageTestConfig } from '../../vitest.shared';

// Node-RED keeps one runtime per process: test files must not share it.
export default packageTestConfig('node-red', { fileParallelism: false });
