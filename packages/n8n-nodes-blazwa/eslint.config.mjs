import { scanConfig } from './eslint.scan.mjs';

// What gets published and reviewed: the node and credential sources, the shared glue, package.json.
export default [
	{
		ignores: [
			'dist/**',
			'node_modules/**',
			'test/**',
			'examples/**',
			'scripts/**',
			'*.config.ts',
			'*.mjs',
		],
	},
	...scanConfig(),
];
