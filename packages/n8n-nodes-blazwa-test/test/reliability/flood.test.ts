// 10,000 inbound messages delivered by the sandbox (as the service does: a JSON POST to the registered URL with its
// secret), 100 at a time, into the trigger's webhook() behind a real HTTP server: one execution each, none lost,
// none twice.
import { randomBytes } from 'node:crypto';

import { inPool } from '@blazwa/test-support/reliability';
import { afterAll, beforeAll, expect, test } from 'vitest';

import { startTriggerRig, type TriggerRig } from '../helpers/trigger';
import { secretsAndCrashesTest, useReliability } from './suite';

const suite = useReliability();

const DELIVERIES = 10_000;
const CONCURRENCY = 100;
const SENDERS = ['6281234567890', '6281311112222', '6285712345678', '6282198765432'];

let rig: TriggerRig;
beforeAll(async () => {
	rig = await startTriggerRig(suite.credential);
	await rig.create();
});
afterAll(async () => {
	await rig?.close();
});

test(
	`flood: ${DELIVERIES} deliveries at concurrency ${CONCURRENCY} start exactly ${DELIVERIES} executions, none duplicated`,
	{ timeout: 300_000 },
	async () => {
		const run = randomBytes(3).toString('hex');
		const texts = Array.from({ length: DELIVERIES }, (_, index) => `flood ${run} #${index}`);
		const statuses = new Map<number | undefined, number>();
		const started = performance.now();
		await inPool(DELIVERIES, CONCURRENCY, async (index) => {
			const delivery = await suite.sandbox.inject({
				from: SENDERS[index % SENDERS.length]!,
				message: texts[index]!,
			});
			statuses.set(delivery.status, (statuses.get(delivery.status) ?? 0) + 1);
		});
		const seconds = (performance.now() - started) / 1000;

		const messages = rig.executions.map((items) => {
			expect(items).toHaveLength(1);
			return items[0]!.json.message as string;
		});
		const unique = new Set(messages);
		const lost = texts.filter((text) => !unique.has(text)).length;
		const duplicated = messages.length - unique.size;
		console.log(
			`flood: ${DELIVERIES} deliveries at concurrency ${CONCURRENCY} → ${rig.executions.length} executions, lost ${lost}, duplicated ${duplicated}; ` +
				`answers ${JSON.stringify(Object.fromEntries(statuses))}; ${Math.round(DELIVERIES / seconds)} deliveries/s`,
		);
		suite.keep('executions', rig.executions);
		expect(Object.fromEntries(statuses)).toEqual({ 200: DELIVERIES });
		expect(rig.executions).toHaveLength(DELIVERIES);
		expect(duplicated).toBe(0);
		expect(lost).toBe(0);
		// Each execution carries the sender its message was delivered with.
		const fromOf = new Map(
			rig.executions.map((items) => [items[0]!.json.message as string, items[0]!.json.from]),
		);
		expect(
			texts.filter((text, index) => fromOf.get(text) !== SENDERS[index % SENDERS.length]),
		).toEqual([]);
	},
);

test('the exported trigger workflow and its static data hold the webhook secret, never the API key', () => {
	const exported = {
		nodes: rig.workflow.nodes,
		connections: rig.workflow.connectionsBySourceNode,
		staticData: rig.workflow.staticData,
	};
	suite.keep('exported trigger workflow', exported);
	expect(JSON.stringify(exported)).toContain(String(rig.staticData().secret));
});

secretsAndCrashesTest(suite);
