import { defineConfig } from 'tsup';

const nodes = ['blazwa-config', 'blazwa-send', 'blazwa-status', 'blazwa-trigger'];

export default defineConfig({
  entry: Object.fromEntries(nodes.map((name) => [`nodes/${name}`, `src/nodes/${name}/${name}.ts`])),
  // Node-RED 3.x and 4.x load node files with require(): CommonJS is what every supported version reads.
  format: ['cjs'],
  outExtension: () => ({ js: '.js' }),
  target: 'node20',
  clean: true,
  sourcemap: false,
  // Core (with its QR encoder) goes inside the bundle so the published package needs only undici from npm.
  noExternal: ['@blazwa/core'],
  external: ['undici'],
});
