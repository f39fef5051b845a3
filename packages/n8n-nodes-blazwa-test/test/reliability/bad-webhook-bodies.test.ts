// The shared corpus of bad webhook bodies, POSTed over HTTP with the right secret to the trigger behind n8n's webhook
// body handling: each is refused with a 4xx and a message that says what is wrong, and starts nothing. The one
// exception is n8n's own convention: a body within its 16 MB limit that is a well-formed message is a message.
import { badWebhookBodies } from '@blazwa/test-support/bad-webhook-bodies';
import { afterAll, beforeAll, expect, test } from 'vitest';

import { startTriggerRig, type TriggerRig } from '../helpers/trigger';
import { secretsAndCrashesTest, useReliability } from './suite';

const suite = useReliability();

let rig: TriggerRig;
beforeAll(async () => {
	rig = await startTriggerRig(suite.credential);
	await rig.create();
});
afterAll(async () => {
	await rig?.close();
});

/** Entries n8n takes as a message: well-formed JSON `{ message, from }`, only larger than a WhatsApp text. */
const ACCEPTED = new Set(['huge body (5 MB)']);

test(
	`bad webhook bodies: each of the ${badWebhookBodies.length} is a 4xx that says what is wrong, or (n8n's limit allowing) a well-formed message`,
	{ timeout: 120_000 },
	async () => {
		const url = suite.sandbox.state.webhook!;
		const answers: string[] = [];
		for (const entry of badWebhookBodies) {
			const before = rig.executions.length;
			const response = await fetch(url, {
				method: 'POST',
				headers: entry.contentType === undefined ? {} : { 'content-type': entry.contentType },
				body: entry.body,
			});
			const answer = (await response.json()) as { message?: unknown };
			answers.push(`${entry.name}: ${response.status}`);
			suite.keep(`answer to ${entry.name}`, answer);
			if (ACCEPTED.has(entry.name)) {
				expect(response.status, entry.name).toBe(200);
				expect(rig.executions.length - before, entry.name).toBe(1);
				const raw = JSON.parse(
					typeof entry.body === 'string' ? entry.body : new TextDecoder().decode(entry.body),
				) as Record<string, unknown>;
				expect(rig.executions.at(-1)![0]!.json).toMatchObject({
					from: raw.from,
					message: raw.message,
				});
				continue;
			}
			expect(response.status, entry.name).toBeGreaterThanOrEqual(400);
			expect(response.status, entry.name).toBeLessThan(500);
			expect(typeof answer.message, entry.name).toBe('string');
			expect((answer.message as string).length, entry.name).toBeGreaterThan(10);
			expect(rig.executions.length - before, `${entry.name} started an execution`).toBe(0);
		}
		console.log(`bad webhook bodies: ${answers.join('; ')}`);

		// Nothing leaked into every object's prototype from the pollution attempt.
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		// The runtime still works: the service's next delivery starts its execution.
		const executions = rig.executions.length;
		const good = await suite.sandbox.inject({ from: '6281234567890', message: 'masih hidup' });
		expect(good.status).toBe(200);
		expect(rig.executions).toHaveLength(executions + 1);
		expect(rig.executions.at(-1)![0]!.json.message).toBe('masih hidup');
	},
);

test('the node names the field at fault in its 400s', async () => {
	const url = suite.sandbox.state.webhook!;
	const cases: Array<[string, string]> = [
		['{"message":"halo"}', "no 'from'"],
		['{"message":"halo","from":{"n":1}}', "'from' must be a phone number"],
		['{"message":["halo"],"from":"6281234567890"}', "'message' must be text"],
		['{"message":"halo","from":"budi"}', 'from'],
	];
	for (const [body, expected] of cases) {
		const response = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body,
		});
		expect(response.status, body).toBe(400);
		expect(((await response.json()) as { message: string }).message, body).toContain(expected);
	}
});

secretsAndCrashesTest(suite);
