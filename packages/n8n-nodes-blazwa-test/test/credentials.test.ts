import type { ICredentialTestRequest, INodeType } from 'n8n-workflow';
import { describe, expect, test } from 'vitest';

import { createHarness, loadPackage, runNode } from './helpers/n8n';
import { useSandbox } from './helpers/setup';

/**
 * What n8n's credential dialog does on "Test": it runs the credential's `test.request` as a declarative request
 * (RoutingNode) with the credential applied. Here the same request runs through the engine as a routing-only node.
 */
const TESTER = 'test.credentialTester';
const { credentialTypes } = loadPackage();
const blazwaApi = credentialTypes.blazwaApi!;
const testerNodeType: INodeType = {
	description: {
		displayName: 'Credential Tester',
		name: 'credentialTester',
		group: ['transform'],
		version: 1,
		description: 'Runs a credential test request',
		defaults: { name: 'Credential Tester' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'blazwaApi', required: true }],
		properties: [
			{
				displayName: 'Temp',
				name: 'temp',
				type: 'string',
				default: '',
				routing: { request: (blazwaApi.test as ICredentialTestRequest).request },
			},
		],
	},
} as INodeType;

async function testCredential(url: string, credential: Record<string, string>) {
	const harness = createHarness(
		{ blazwaApi: { server: 'custom', baseUrl: url, ...credential } },
		{ [TESTER]: testerNodeType },
	);
	return await runNode(harness, { type: TESTER, parameters: {} });
}

describe('credential blazwaApi', () => {
	const ctx = useSandbox({ paired: true });

	test('is "Blazwa API", with server, base URL (custom only) and a password field for the key', () => {
		expect(blazwaApi.displayName).toBe('Blazwa API');
		const fields = Object.fromEntries(
			blazwaApi.properties.map((property) => [property.name, property]),
		);
		expect(Object.keys(fields)).toEqual(['server', 'baseUrl', 'apiKey', 'minInterval']);
		expect(fields.server!.options!.map((option) => (option as { value: string }).value)).toEqual([
			'blazwa',
			'kasirpintar',
			'kasirpintar-kpwa',
			'custom',
		]);
		expect(fields.baseUrl!.displayOptions).toEqual({ show: { server: ['custom'] } });
		expect(fields.apiKey!.typeOptions).toEqual({ password: true });
	});

	test('the test passes with the right key, calling POST /openapi/wa/status with X-API-KEY', async () => {
		const result = await testCredential(ctx.sandbox.url, { apiKey: ctx.sandbox.apiKey });
		expect(result.error('Blazwa')).toBeUndefined();
		expect(result.run.status).toBe('success');
		expect(ctx.sandbox.state.requests).toEqual([
			expect.objectContaining({
				method: 'POST',
				path: '/openapi/wa/status',
				status: 200,
				headers: expect.objectContaining({ 'x-api-key': expect.any(String) }),
			}),
		]);
	});

	test('the test fails with a wrong key: the dialog shows the 401', async () => {
		const result = await testCredential(ctx.sandbox.url, { apiKey: 'not-the-key' });
		expect(result.run.status).toBe('error');
		const error = result.error('Blazwa');
		expect(error?.name).toBe('NodeApiError');
		expect((error as { httpCode?: string }).httpCode).toBe('401');
		// n8n itself repeats a request that got 401 once, after its pre-authentication step.
		const statuses = ctx.sandbox.state.requests.map((request) => request.status);
		expect(statuses.length).toBeGreaterThan(0);
		expect(new Set(statuses)).toEqual(new Set([401]));
	});

	test('a custom base URL with a trailing slash still reaches the API', async () => {
		const result = await testCredential(`${ctx.sandbox.url}/`, { apiKey: ctx.sandbox.apiKey });
		expect(result.run.status).toBe('success');
		expect(ctx.sandbox.state.requests[0]!.path).toBe('/openapi/wa/status');
	});

	test('a key pasted with a trailing newline passes, and the key goes out without it', async () => {
		const result = await testCredential(ctx.sandbox.url, { apiKey: `${ctx.sandbox.apiKey}\n` });
		expect(result.run.status).toBe('success');
		// The sandbox accepts only the exact key (and records it redacted): a 200 is the key without the newline.
		expect(ctx.sandbox.state.requests.map((request) => request.status)).toEqual([200]);
	});

	// What the dialog shows for a key with a character the header cannot carry: core's sentence, sent nothing.
	test.each([
		['a zero-width space', '\u200b', 'U+200B'],
		['a byte order mark', '\ufeff', 'U+FEFF'],
		['a control character', '\u0007', 'U+0007'],
	])(
		'the test with %s in the key says which character, where, and sends nothing',
		async (_, char, hex) => {
			const apiKey = `${ctx.sandbox.apiKey.slice(0, 4)}${char}${ctx.sandbox.apiKey.slice(4)}`;
			const result = await testCredential(ctx.sandbox.url, { apiKey });
			expect(result.run.status).toBe('error');
			const message = result.error('Blazwa')?.message ?? '';
			expect(message).toContain(
				`API key has an invisible character (${hex}) at position 5: copy the key again from your Blazwa / Kasirpintar WA dashboard into the Blazwa API credential`,
			);
			expect(message).not.toContain(ctx.sandbox.apiKey.slice(4));
			expect(ctx.sandbox.state.requests).toHaveLength(0);
		},
	);

	test('a key with an invisible character: an execution says so and sends nothing', async () => {
		const harness = createHarness({
			blazwaApi: {
				server: 'custom',
				baseUrl: ctx.sandbox.url,
				apiKey: `${ctx.sandbox.apiKey}\u200b`,
			},
		});
		const result = await runNode(harness, {
			parameters: {
				resource: 'message',
				operation: 'sendToNumber',
				phoneNumber: '0812 3456 7890',
				message: 'Halo',
			},
		});
		const error = result.error('Blazwa');
		expect(error?.message).toContain('API key has an invisible character (U+200B)');
		expect(error?.message).toContain('the Blazwa API credential');
		expect(ctx.sandbox.state.requests).toHaveLength(0);
		expect(ctx.sandbox.state.outbox).toHaveLength(0);
	});
});
