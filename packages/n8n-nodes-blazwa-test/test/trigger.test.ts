import { startSandbox, type Sandbox } from '@blazwa/sandbox';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';

import { startTriggerRig, type TriggerRig } from './helpers/trigger';

let sandbox: Sandbox;
let rig: TriggerRig;

beforeAll(async () => {
	sandbox = await startSandbox({ paired: true });
});
afterAll(async () => {
	await sandbox.close();
});

async function rigWith(parameters = {}) {
	rig = await startTriggerRig(
		{ server: 'custom', baseUrl: sandbox.url, apiKey: sandbox.apiKey },
		parameters,
	);
	return rig;
}

afterEach(async () => {
	await rig?.close();
	sandbox.reset();
});

/** POSTs to the node's URL as anyone could, with a body as given. */
async function post(url: string, body: string, contentType = 'application/json') {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': contentType },
		body,
	});
	return { status: response.status, body: (await response.json()) as { message: string } };
}

describe('activation: webhookMethods against the sandbox', () => {
	beforeEach(async () => {
		await rigWith();
	});

	test('create registers the node URL with a random secret and keeps both in static data', async () => {
		expect(await rig.checkExists()).toBe(false);
		expect(await rig.create()).toBe(true);

		const { webhookUrl, secret } = rig.staticData();
		expect(webhookUrl).toBe(rig.webhookUrl());
		expect(rig.webhookUrl()).toMatch(new RegExp(`^${rig.baseUrl}/webhook/`));
		expect(secret).toMatch(/^[0-9a-f]{32}$/);
		expect(sandbox.state.webhook).toBe(`${rig.webhookUrl()}?secret=${secret as string}`);
	});

	test('every activation registers again (the service cannot be asked), keeping the secret', async () => {
		await rig.create();
		const { secret } = rig.staticData();
		sandbox.reset();
		expect(await rig.checkExists()).toBe(false);
		expect(await rig.create()).toBe(true);
		expect(rig.staticData().secret).toBe(secret);
		expect(sandbox.state.requests.map((request) => request.path)).toEqual(['/openapi/wa/webhook']);
		expect(sandbox.state.webhook).toBe(`${rig.webhookUrl()}?secret=${secret as string}`);
	});

	test('each activation gets a new secret', async () => {
		await rig.create();
		const first = rig.staticData().secret;
		await rig.delete();
		await rig.create();
		expect(rig.staticData().secret).not.toBe(first);
	});

	test('checkExists is false, and forgets the registration, when it was made for another URL', async () => {
		await rig.create();
		rig.staticData().webhookUrl = 'http://127.0.0.1:1/webhook-test/old/webhook';
		expect(await rig.checkExists()).toBe(false);
		expect(rig.staticData()).toEqual({});
	});

	test("delete resets the service's webhook and clears static data", async () => {
		await rig.create();
		expect(await rig.delete()).toBe(true);
		expect(sandbox.state.webhook).toBeNull();
		expect(sandbox.state.requests.map((request) => request.path)).toEqual([
			'/openapi/wa/webhook',
			'/openapi/wa/webhook/reset',
		]);
		expect(rig.staticData()).toEqual({});
		expect(await rig.checkExists()).toBe(false);
	});

	test('delete that fails (server error) reports false and keeps the registration, so it can be retried', async () => {
		await rig.create();
		const registered = { ...rig.staticData() };
		sandbox.fault({ status: 500, operations: ['webhook/reset'] });
		expect(await rig.delete()).toBe(false);
		expect(rig.staticData()).toEqual(registered);
		expect(await rig.delete()).toBe(true);
		expect(sandbox.state.webhook).toBeNull();
	});

	test("delete leaves the account's webhook alone when this node registered nothing", async () => {
		expect(await rig.delete()).toBe(true);
		expect(sandbox.state.requests).toHaveLength(0);
	});

	test('create with a wrong key fails with the 401 and registers nothing', async () => {
		await rig.close();
		rig = await startTriggerRig({ server: 'custom', baseUrl: sandbox.url, apiKey: 'wrong' });
		await expect(rig.create()).rejects.toMatchObject({ name: 'NodeApiError', httpCode: '401' });
		expect(rig.staticData()).toEqual({});
		expect(sandbox.state.webhook).toBeNull();
	});
});

describe('webhook(): incoming messages', () => {
	test('a delivery from the service starts the workflow with { message, from, receivedAt, raw }', async () => {
		await rigWith();
		await rig.create();
		const delivery = await sandbox.inject({
			from: '6281234567890',
			message: 'Halo, pesanan saya sudah dikirim?',
		});

		expect(delivery.status).toBe(200);
		expect(rig.executions).toHaveLength(1);
		const [item] = rig.executions[0]!;
		expect(item!.json).toEqual({
			message: 'Halo, pesanan saya sudah dikirim?',
			from: '6281234567890',
			receivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
			raw: { from: '6281234567890', message: 'Halo, pesanan saya sudah dikirim?' },
		});
	});

	test('a wrong secret is 401 and starts nothing', async () => {
		await rigWith();
		await rig.create();
		const answer = await post(
			`${rig.webhookUrl()}?secret=0123456789abcdef0123456789abcdef`,
			'{"from":"6281234567890","message":"x"}',
		);
		expect(answer.status).toBe(401);
		expect(answer.body.message).toContain('Unauthorized');
		expect(rig.executions).toHaveLength(0);
	});

	test('no secret at all is 401 and starts nothing', async () => {
		await rigWith();
		await rig.create();
		const answer = await post(rig.webhookUrl(), '{"from":"6281234567890","message":"x"}');
		expect(answer.status).toBe(401);
		expect(rig.executions).toHaveLength(0);
	});

	test('a body that is not a message is 400 with the reason and starts nothing', async () => {
		await rigWith();
		await rig.create();
		const url = sandbox.state.webhook!;
		const noSender = await post(url, '{"message":"who am I"}');
		expect(noSender.status).toBe(400);
		expect(noSender.body.message).toContain("no 'from'");

		// Not declared as JSON, so n8n hands the node the raw text.
		const brokenText = await post(url, '{"from": "62812', 'text/plain');
		expect(brokenText.status).toBe(400);
		expect(brokenText.body.message).toContain('not valid JSON');

		const garbage = await post(url, 'garbage', 'application/octet-stream');
		expect(garbage.status).toBe(400);
		expect(rig.executions).toHaveLength(0);
	});

	test('a form-encoded or text/plain delivery is read too', async () => {
		await rigWith();
		await rig.create();
		const url = sandbox.state.webhook!;
		expect(
			(
				await post(
					url,
					'from=0813-1111-2222&message=lewat+form',
					'application/x-www-form-urlencoded',
				)
			).status,
		).toBe(200);
		expect(
			(await post(url, '{"from":"081399998888","message":"sebagai text"}', 'text/plain')).status,
		).toBe(200);
		expect(rig.executions.map((items) => [items[0]!.json.from, items[0]!.json.message])).toEqual([
			['6281311112222', 'lewat form'],
			['6281399998888', 'sebagai text'],
		]);
	});

	test('with a sender filter, only listed numbers (in any spelling) start the workflow', async () => {
		await rigWith({ senders: '0812-3456-7890, +62 813 1111 2222' });
		await rig.create();

		const ignored = await sandbox.inject({ from: '6289999999999', message: 'spam' });
		expect(ignored.status).toBe(200);
		expect(rig.executions).toHaveLength(0);

		await sandbox.inject({ from: '6281311112222', message: 'dari pelanggan' });
		expect(rig.executions.map((items) => items[0]!.json.message)).toEqual(['dari pelanggan']);
	});
});
