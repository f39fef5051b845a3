import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', undici: 'src/undici/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  // One copy of each class across both entries, so instanceof holds between them.
  splitting: true,
  sourcemap: true,
  // Node 20 is the oldest runtime our users have (Node-RED 4).
  target: 'node20',
  // The QR encoder goes into core's own files, so the node packages that bundle core gain no dependency.
  noExternal: ['uqr'],
});
