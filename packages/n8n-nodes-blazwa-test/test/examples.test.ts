import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IConnections, INode, INodeProperties } from 'n8n-workflow';
import { describe, expect, test } from 'vitest';

import { BLAZWA, loadPackage, runWorkflow, START } from './helpers/n8n';
import { PACKAGE_DIR } from './helpers/package-dir';
import { useSandbox } from './helpers/setup';

const EXAMPLES_DIR = join(PACKAGE_DIR, 'examples');
const examples = readdirSync(EXAMPLES_DIR).filter((name) => name.endsWith('.json'));
const read = (name: string) =>
	JSON.parse(readFileSync(join(EXAMPLES_DIR, name), 'utf8')) as {
		name: string;
		nodes: INode[];
		connections: IConnections;
	};

describe('examples/ are importable n8n workflows', () => {
	const { nodeTypes } = loadPackage();

	test('there are the two promised examples', () => {
		expect(examples.sort()).toEqual([
			'auto-reply-to-incoming-messages.json',
			'send-message-for-each-new-order.json',
		]);
	});

	test.each(examples)(
		'%s uses only real resources, operations and parameters of these nodes, and holds no secret',
		(name) => {
			const example = read(name);
			expect(example.name).toMatch(/^Blazwa: /);
			for (const node of example.nodes.filter((candidate) =>
				candidate.type.startsWith('n8n-nodes-blazwa.'),
			)) {
				const type = nodeTypes[node.type];
				expect(type, node.type).toBeDefined();
				const properties = type!.description.properties;
				for (const [parameter, value] of Object.entries(node.parameters)) {
					const declared = properties.filter((property) => property.name === parameter);
					expect(declared.length, `${node.name}.${parameter}`).toBeGreaterThan(0);
					const options = declared.flatMap((property: INodeProperties) =>
						property.type === 'options' ? (property.options ?? []) : [],
					);
					if (options.length > 0)
						expect(
							options.map((option) => (option as { value: unknown }).value),
							`${node.name}.${parameter}`,
						).toContain(value);
				}
				expect(Object.keys(node.credentials ?? {})).toEqual(['blazwaApi']);
			}
			expect(JSON.stringify(example)).not.toMatch(/apiKey|sandbox-api-key/i);
		},
	);
});

describe('examples run in n8n against the sandbox', () => {
	const ctx = useSandbox({ paired: true });

	test("auto-reply: an incoming message gets the reply at the sender's number", async () => {
		const example = read('auto-reply-to-incoming-messages.json');
		const incoming = {
			message: 'Apakah toko buka hari ini?',
			from: '6281234567890',
			receivedAt: '2026-11-21T01:00:00.000Z',
			raw: {},
		};
		const result = await runWorkflow(ctx.harness, {
			...example,
			startNode: 'Incoming WhatsApp',
			items: [incoming],
		});
		expect(result.run.status).toBe('success');
		expect(ctx.sandbox.state.outbox).toEqual([
			expect.objectContaining({
				to: '6281234567890',
				body: expect.stringContaining('"Apakah toko buka hari ini?" sudah kami terima'),
			}),
		]);
	});

	test('new orders: each row gets its message, and a row with a bad number does not stop the others', async () => {
		const example = read('send-message-for-each-new-order.json');
		// The Google Sheets trigger is n8n's own node; the rows it emits are fed in by a pass-through stand-in.
		const nodes = example.nodes.map((node) =>
			node.type === BLAZWA ? node : { ...node, type: START, parameters: {} },
		);
		const rows = [
			{ order_id: 'A-1', name: 'Sari', phone: '0812-3456-7890', total: '150.000' },
			{ order_id: 'A-2', name: 'Budi', phone: 'belum ada', total: '80.000' },
			{ order_id: 'A-3', name: 'Dewi', phone: '+62 813 1111 2222', total: '42.500' },
		];
		// The example paces sends 3 s apart; the pacing itself is tested elsewhere.
		const fast = nodes.map((node) =>
			node.type === BLAZWA ? { ...node, parameters: { ...node.parameters, options: {} } } : node,
		);
		const result = await runWorkflow(ctx.harness, {
			nodes: fast,
			connections: example.connections,
			startNode: 'New Order Row',
			items: rows,
		});

		expect(ctx.sandbox.state.outbox.map(({ to, body }) => ({ to, body }))).toEqual([
			{
				to: '6281234567890',
				body: 'Halo Sari, pesanan #A-1 sebesar Rp 150.000 sudah kami terima. Terima kasih!',
			},
			{
				to: '6281311112222',
				body: 'Halo Dewi, pesanan #A-3 sebesar Rp 42.500 sudah kami terima. Terima kasih!',
			},
		]);
		const output = result.output('Send WhatsApp');
		expect(output[1]).toEqual({
			json: {
				error: expect.stringContaining("phoneNumber 'belum ada' has a letter 'b' at position 1"),
				details: { kind: 'input', outcome: 'not-sent', retryable: false, field: 'phoneNumber' },
			},
			pairedItem: { item: 1 },
		});
	});
});
