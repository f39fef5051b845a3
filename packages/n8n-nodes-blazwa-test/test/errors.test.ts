import type { NodeApiError } from 'n8n-workflow';
import { describe, expect, test, vi } from 'vitest';

import { createHarness, runNode, START, startNodeType } from './helpers/n8n';
import { useSandbox } from './helpers/setup';

const WRONG_KEY = 'wrong-key-5f1c9e';
const send = {
	resource: 'message',
	operation: 'sendToNumber',
	phoneNumber: '0812 3456 7890',
	message: 'Halo',
};

describe('service errors reach n8n as NodeApiError with what to fix', () => {
	const ctx = useSandbox({ paired: true });

	test('500: the server failed, with its status', async () => {
		ctx.sandbox.fault({ status: 500, operations: ['message'] });
		const error = (await ctx.run(send)).error('Blazwa') as NodeApiError;
		expect(error.name).toBe('NodeApiError');
		expect(error.httpCode).toBe('500');
		expect(error.message).toMatch(/^The Blazwa server failed \(500\)/);
		expect(error.context.itemIndex).toBe(0);
	});

	test('500 on a send is not retried: the message may have gone out', async () => {
		ctx.sandbox.fault({ status: 500, operations: ['message'] });
		await ctx.run(send);
	});

	test('504: WhatsApp did not answer in time', async () => {
		ctx.sandbox.fault({ status: 504, operations: ['message'] });
		const error = (await ctx.run(send)).error('Blazwa') as NodeApiError;
		expect(error.httpCode).toBe('504');
		expect(error.message).toContain('The Blazwa server timed out (504)');
		// The gateway may have delivered it before timing out: no advice to try again, the check comes first.
		expect(error.message).toContain('may have been sent: check the chat before sending it again');
		expect(error.message).not.toContain('try again later');
		expect(error.context.blazwa).toEqual({
			kind: 'timeout',
			outcome: 'unknown',
			retryable: false,
			httpCode: '504',
			operation: 'sendMessage',
		});
	});

	test('504 on a status check is retried (safe to repeat) and then succeeds', async () => {
		ctx.sandbox.fault({ status: 504, operations: ['status'] });
		const result = await ctx.run({ resource: 'device', operation: 'getStatus' });
		expect(result.output('Blazwa')[0]!.json).toMatchObject({ status: 'connected' });
		expect(ctx.sandbox.state.requests.map((request) => request.status)).toEqual([504, 200]);
	});

	test("no answer within the node's timeout is a timeout error, and the send is not repeated", async () => {
		ctx.sandbox.fault({ delayMs: 2500, operations: ['message'] });
		const result = await ctx.run({ ...send, options: { timeout: 1000 } });
		const error = result.error('Blazwa') as NodeApiError;
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toContain('No answer from the Blazwa server within 1 s');
		// The slow request still lands on the server: exactly once, which is why a timed-out send is never retried.
		await vi.waitFor(() => expect(ctx.sandbox.state.outbox).toHaveLength(1), {
			timeout: 5000,
			interval: 100,
		});
	});

	test('400 while the device is not paired says to scan the QR first', async () => {
		ctx.sandbox.unpair();
		const error = (await ctx.run(send)).error('Blazwa') as NodeApiError;
		expect(error.httpCode).toBe('400');
		expect(error.message).toContain('scan the QR code');
	});

	test('continueOnFail turns a service error into an error item with its HTTP code', async () => {
		ctx.sandbox.fault({ status: 500, operations: ['message'] });
		const result = await ctx.run(send, [{}, {}], { onError: 'continueRegularOutput' });
		const output = result.output('Blazwa');
		expect(output[0]).toEqual({
			json: {
				error: expect.stringMatching(/^The Blazwa server failed \(500\)/),
				details: {
					kind: 'server',
					outcome: 'unknown',
					retryable: false,
					httpCode: '500',
					operation: 'sendMessage',
				},
			},
			pairedItem: { item: 0 },
		});
		expect(output[1]!.json).toMatchObject({ to: '6281234567890' });
		expect(output[1]!.pairedItem).toEqual({ item: 1 });
	});
});

describe('a wrong API key', () => {
	const ctx = useSandbox({ paired: true }, WRONG_KEY);

	test('is a 401 that says to check the API key, and the key is nowhere in the error', async () => {
		const result = await ctx.run(send);
		const error = result.error('Blazwa') as NodeApiError;
		expect(error.name).toBe('NodeApiError');
		expect(error.httpCode).toBe('401');
		expect(error.message).toContain(
			'API key rejected (401): check the API key in the Blazwa API credential',
		);
		expect(JSON.stringify(error)).not.toContain(WRONG_KEY);
		expect(JSON.stringify(result.run)).not.toContain(WRONG_KEY);
		expect(ctx.sandbox.state.outbox).toHaveLength(0);
	});
});

describe('no server at the address', () => {
	test('is a NodeApiError that says the server cannot be reached, naming the cause', async () => {
		// A port nothing listens on: taken from a sandbox that is then closed.
		const { startSandbox } = await import('@blazwa/sandbox');
		const gone = await startSandbox();
		await gone.close();
		const harness = createHarness(
			{ blazwaApi: { server: 'custom', baseUrl: gone.url, apiKey: WRONG_KEY } },
			{ [START]: startNodeType },
		);
		const result = await runNode(harness, { parameters: send });
		const error = result.error('Blazwa') as NodeApiError;
		expect(JSON.stringify(result.run)).not.toContain(WRONG_KEY);
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toContain('Cannot reach the Blazwa server');
		expect(error.message).toContain('connection refused');
		expect(error.message).toContain("check the server address and this machine's network");
	});

	test('a custom server without a base URL is a NodeOperationError that says to fill it in', async () => {
		const harness = createHarness(
			{ blazwaApi: { server: 'custom', baseUrl: '', apiKey: 'k' } },
			{ [START]: startNodeType },
		);
		const error = (await runNode(harness, { parameters: send })).error('Blazwa');
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toContain('baseUrl is empty');
	});
});
