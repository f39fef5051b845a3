import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', cli: 'src/cli.ts' },
  format: ['esm'],
  dts: { entry: { index: 'src/index.ts' } },
  clean: true,
  sourcemap: true,
  // The demo and Node-RED 4 users run Node 20.
  target: 'node20',
  // @blazwa/core is not published on its own: the sandbox carries the copy it uses, as the two node packages do.
  noExternal: ['@blazwa/core'],
});
