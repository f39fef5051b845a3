// Deliveries that do not carry the secret the trigger registered, in every way a forger could try: each is a 401
// and starts no execution; the real delivery still gets through.
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';

import { startTriggerRig, type TriggerRig } from '../helpers/trigger';
import { secretsAndCrashesTest, useReliability } from './suite';

const suite = useReliability();
const BODY = JSON.stringify({ from: '6281234567890', message: 'transfer ke rekening 123' });

let rig: TriggerRig;
beforeAll(async () => {
	rig = await startTriggerRig(suite.credential);
});
afterAll(async () => {
	await rig?.close();
});

interface Attempt {
	name: string;
	url: string;
	headers?: Record<string, string>;
	body?: string;
}

async function deliver(attempt: Attempt): Promise<{ status: number; message: unknown }> {
	const response = await fetch(attempt.url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...attempt.headers },
		body: attempt.body ?? BODY,
	});
	const text = await response.text();
	let message: unknown = text;
	try {
		message = (JSON.parse(text) as { message?: unknown }).message;
	} catch {
		// not JSON: kept as text for the assertion's message
	}
	return { status: response.status, message };
}

function expectRefused(answer: { status: number; message: unknown }, name: string): void {
	expect(answer.status, name).toBe(401);
	expect(String(answer.message), name).toContain('Unauthorized');
}

test('before activation no secret exists, so nothing is accepted', async () => {
	expectRefused(
		await deliver({ name: 'no registration', url: `${rig.webhookUrl()}?secret=` }),
		'no registration',
	);
	expectRefused(
		await deliver({ name: 'no registration', url: rig.webhookUrl() }),
		'no registration',
	);
	expect(rig.executions).toHaveLength(0);
});

test('spoofing: a missing, wrong or misplaced secret is 401 and starts nothing', async () => {
	await rig.create();
	const oldSecret = String(rig.staticData().secret);
	await rig.delete();
	await rig.create();
	const secret = String(rig.staticData().secret);
	expect(secret).not.toBe(oldSecret);
	const base = rig.webhookUrl();
	const flip = (char: string) => (char === '0' ? '1' : '0');

	const attempts: Attempt[] = [
		{ name: 'no secret', url: base },
		{ name: 'empty secret', url: `${base}?secret=` },
		{ name: 'wrong secret', url: `${base}?secret=${'0'.repeat(32)}` },
		{ name: "the previous activation's secret", url: `${base}?secret=${oldSecret}` },
		{
			name: 'one character changed',
			url: `${base}?secret=${secret.slice(0, -1)}${flip(secret.at(-1)!)}`,
		},
		{ name: 'one character short', url: `${base}?secret=${secret.slice(0, -1)}` },
		{ name: 'one character long', url: `${base}?secret=${secret}0` },
		{ name: 'upper case', url: `${base}?secret=${secret.toUpperCase()}` },
		{ name: 'padded with a space', url: `${base}?secret=%20${secret}` },
		{ name: 'sent twice (a list)', url: `${base}?secret=${secret}&secret=${secret}` },
		{ name: 'wrong then right', url: `${base}?secret=${'0'.repeat(32)}&secret=${secret}` },
		{ name: 'another parameter name', url: `${base}?token=${secret}` },
		{ name: 'parameter name in upper case', url: `${base}?SECRET=${secret}` },
		{ name: 'in a header', url: base, headers: { 'x-secret': secret } },
		{ name: 'as a bearer token', url: base, headers: { authorization: `Bearer ${secret}` } },
		{
			name: 'in the body',
			url: base,
			body: JSON.stringify({ from: '6281234567890', message: 'x', secret }),
		},
		{ name: 'in the path', url: `${base}/${secret}` },
		{ name: 'in the fragment only', url: `${base}#secret=${secret}` },
		{ name: 'the API key instead', url: `${base}?secret=${suite.credential.apiKey as string}` },
	];
	const refused: string[] = [];
	for (const attempt of attempts) {
		expectRefused(await deliver(attempt), attempt.name);
		refused.push(attempt.name);
	}

	// And whatever a forger might guess.
	let guesses = 0;
	await fc.assert(
		fc.asyncProperty(
			fc.oneof(
				fc.string(),
				fc.stringMatching(/^[0-9a-f]{32}$/),
				fc.string({ unit: 'binary', maxLength: 64 }),
			),
			async (guess) => {
				fc.pre(guess !== secret);
				guesses++;
				expectRefused(
					await deliver({
						name: 'guess',
						url: `${base}?secret=${encodeURIComponent(guess.toWellFormed())}`,
					}),
					`guess ${JSON.stringify(guess)}`,
				);
			},
		),
		{ numRuns: 300 },
	);
	expect(rig.executions).toHaveLength(0);

	// The real delivery, as the service makes it, still gets through.
	const real = await suite.sandbox.inject({ from: '6281234567890', message: 'asli' });
	expect(real.status).toBe(200);
	expect(rig.executions.map((items) => items[0]!.json.message)).toEqual(['asli']);
	console.log(
		`spoofing: ${refused.length} crafted deliveries and ${guesses} random secrets → all 401, 0 executions; the real delivery → 1 execution`,
	);
	suite.keep('trigger static data', rig.staticData());
});

secretsAndCrashesTest(suite);
