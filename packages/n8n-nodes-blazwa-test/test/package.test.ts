// The package as it would be published: packed with pnpm, unpacked, and checked the way n8n's verification does.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

// @ts-expect-error an untyped .mjs: the scanner's rules as an ESLint config
import { scanConfig } from '../eslint.scan.mjs';
import { PACKAGE_DIR } from './helpers/package-dir';

let workDir: string;
let unpacked: string;
let manifest: Record<string, any>;

function run(command: string, args: string[], cwd: string) {
	const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
	if (result.status !== 0)
		throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr || result.stdout}`);
	return result.stdout;
}

function files(dir: string): string[] {
	return readdirSync(dir, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => relative(dir, join(entry.parentPath, entry.name)))
		.sort();
}

beforeAll(() => {
	workDir = mkdtempSync(join(tmpdir(), 'n8n-nodes-blazwa-pack-'));
	// `pnpm pack` as `pnpm publish` would: workspace: versions rewritten, only `files` included.
	const execPath = process.env.npm_execpath ?? '';
	const [command, prefix] = !execPath.includes('pnpm')
		? ['pnpm', []]
		: /\.[cm]?js$/.test(execPath)
			? [process.execPath, [execPath]]
			: [execPath, []];
	run(command, [...prefix, 'pack', '--pack-destination', workDir], PACKAGE_DIR);
	const tarball = readdirSync(workDir).find((name) => name.endsWith('.tgz'))!;
	unpacked = join(workDir, 'package');
	run('tar', ['-xzf', tarball], workDir);
	manifest = JSON.parse(readFileSync(join(unpacked, 'package.json'), 'utf8'));
}, 60_000);

afterAll(() => {
	if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('the packed tarball', () => {
	test('holds the built nodes, credential, icons, codex files, README and LICENSE, and no sources', () => {
		expect(files(unpacked)).toEqual([
			'LICENSE',
			'README.md',
			'dist/credentials/BlazwaApi.credentials.js',
			'dist/icons/blazwa.dark.svg',
			'dist/icons/blazwa.svg',
			'dist/nodes/Blazwa/Blazwa.node.js',
			'dist/nodes/Blazwa/Blazwa.node.json',
			'dist/nodes/BlazwaTrigger/BlazwaTrigger.node.js',
			'dist/nodes/BlazwaTrigger/BlazwaTrigger.node.json',
			'package.json',
		]);
	});

	test('has no runtime dependencies: core is bundled, n8n-workflow comes from the instance', () => {
		expect(manifest.dependencies).toBeUndefined();
		expect(manifest.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(JSON.stringify(manifest)).not.toContain('workspace:');
		for (const file of files(unpacked).filter((name) => name.endsWith('.js'))) {
			const code = readFileSync(join(unpacked, file), 'utf8');
			const required = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((match) => match[1]);
			expect(
				required.every((name) => ['n8n-workflow', 'crypto'].includes(name!)),
				`${file} requires ${required.join(', ')}`,
			).toBe(true);
		}
	});

	test('declares what n8n loads: the community keyword, API version, nodes and credentials under dist/, MIT', () => {
		expect(manifest.name).toBe('n8n-nodes-blazwa');
		expect(manifest.license).toBe('MIT');
		expect(manifest.keywords).toContain('n8n-community-node-package');
		expect(manifest.n8n).toMatchObject({
			n8nNodesApiVersion: 1,
			credentials: ['dist/credentials/BlazwaApi.credentials.js'],
			nodes: ['dist/nodes/Blazwa/Blazwa.node.js', 'dist/nodes/BlazwaTrigger/BlazwaTrigger.node.js'],
		});
		for (const file of [...manifest.n8n.nodes, ...manifest.n8n.credentials])
			expect(files(unpacked)).toContain(file);
	});

	test('its code uses no environment, files, timers or process', () => {
		const forbidden = [
			/\bprocess\b/,
			/\bsetTimeout\b/,
			/\bsetInterval\b/,
			/\bsetImmediate\b/,
			/require\(["'](node:)?fs["']\)/,
			/\bglobalThis\b/,
			/\beval\(/,
		];
		for (const file of files(unpacked).filter((name) => name.endsWith('.js'))) {
			const code = readFileSync(join(unpacked, file), 'utf8');
			for (const pattern of forbidden)
				expect(pattern.test(code), `${file} matches ${pattern}`).toBe(false);
		}
	});

	test('the codex files name a valid category and their node', () => {
		for (const [file, node] of [
			['dist/nodes/Blazwa/Blazwa.node.json', 'n8n-nodes-blazwa.blazwa'],
			['dist/nodes/BlazwaTrigger/BlazwaTrigger.node.json', 'n8n-nodes-blazwa.blazwaTrigger'],
		] as const) {
			const codex = JSON.parse(readFileSync(join(unpacked, file), 'utf8'));
			expect(codex.node).toBe(node);
			expect(codex.categories).toEqual(['Communication']);
		}
	});

	test("passes the rules n8n's package scanner applies to the tarball (compiled .js and package.json)", async () => {
		const eslint = new ESLint({
			cwd: unpacked,
			allowInlineConfig: false,
			overrideConfigFile: true,
			overrideConfig: scanConfig(),
		});
		const results = await eslint.lintFiles(['**/*.js', 'package.json']);
		expect(results.length).toBeGreaterThanOrEqual(4);
		const problems = results.flatMap((result) =>
			result.messages.map(
				(message) =>
					`${relative(unpacked, result.filePath)}:${message.line} ${message.ruleId}: ${message.message}`,
			),
		);
		expect(problems).toEqual([]);
	}, 60_000);
});
