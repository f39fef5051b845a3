import { defineConfig } from 'tsup';

// n8n loads each node and credential file by path with require(): one self-contained CommonJS file each, with
// @blazwa/core bundled in (community nodes may not have runtime dependencies) and n8n-workflow left to the host.
// n8n-nodes-blazwa's build script runs this from that package's folder (`tsup --config …`), so the paths below are
// relative to it; the config lives here to keep that folder as n8n's linter expects it (see ./package.json).
export default defineConfig({
	entry: {
		'nodes/Blazwa/Blazwa.node': 'nodes/Blazwa/Blazwa.node.ts',
		'nodes/BlazwaTrigger/BlazwaTrigger.node': 'nodes/BlazwaTrigger/BlazwaTrigger.node.ts',
		'credentials/BlazwaApi.credentials': 'credentials/BlazwaApi.credentials.ts',
	},
	format: ['cjs'],
	outExtension: () => ({ js: '.js' }),
	target: 'node20',
	platform: 'node',
	clean: true,
	splitting: false,
	sourcemap: false,
	dts: false,
	noExternal: ['@blazwa/core'],
	external: ['n8n-workflow'],
});
