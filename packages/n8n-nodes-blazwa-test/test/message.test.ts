import { describe, expect, test, vi } from 'vitest';

import type { NodeApiError } from 'n8n-workflow';
import { useSandbox } from './helpers/setup';

const ctx = useSandbox({ paired: true });

const sendToNumber = {
	resource: 'message',
	operation: 'sendToNumber',
	phoneNumber: '={{ $json.phone }}',
	message: '={{ $json.text }}',
};

describe('message: sendToNumber', () => {
	test('sends one message per input item, phone numbers normalized, each output paired with its item', async () => {
		const result = await ctx.run(sendToNumber, [
			{ phone: '0812-3456-7890', text: 'Pesanan #1 diterima' },
			{ phone: '+62 813 1111 2222', text: 'Pesanan #2 diterima' },
		]);

		expect(ctx.sandbox.state.outbox.map(({ to, body }) => ({ to, body }))).toEqual([
			{ to: '6281234567890', body: 'Pesanan #1 diterima' },
			{ to: '6281311112222', body: 'Pesanan #2 diterima' },
		]);
		const output = result.output('Blazwa');
		expect(output).toHaveLength(2);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		// The message as the service recorded it, the same output as the Node-RED node's msg.payload.
		expect(output[0]!.json).toEqual({
			id: ctx.sandbox.state.outbox[0]!.id,
			to: '6281234567890',
			from: expect.any(String),
			body: 'Pesanan #1 diterima',
			media_url: null,
			created_at: expect.any(String),
		});
		expect(result.run.status).toBe('success');
	});

	test('sends an image with a caption', async () => {
		await ctx.run({ ...sendToNumber, imageUrl: 'https://example.com/struk.jpg' }, [
			{ phone: '081234567890', text: 'Struk Anda' },
		]);
		expect(ctx.sandbox.state.outbox[0]).toMatchObject({
			to: '6281234567890',
			body: 'Struk Anda',
			media_url: 'https://example.com/struk.jpg',
		});
	});

	test('a phone number that is words fails that item with a NodeOperationError naming the field, and nothing is sent', async () => {
		const result = await ctx.run(sendToNumber, [{ phone: 'tidak ada', text: 'Halo' }]);
		const error = result.error('Blazwa');
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toContain("phoneNumber 'tidak ada' has a letter 't' at position 1");
		expect(error?.context.itemIndex).toBe(0);
		expect(ctx.sandbox.state.requests).toHaveLength(0);
		expect(result.run.status).toBe('error');
	});

	test('continueOnFail: a failing item becomes an error item paired with it, and the others are still sent', async () => {
		const result = await ctx.run(
			sendToNumber,
			[
				{ phone: '0812 3456 7890', text: 'satu' },
				{ phone: '', text: 'dua' },
				{ phone: '0813 1111 2222', text: 'tiga' },
			],
			{ onError: 'continueRegularOutput' },
		);
		const output = result.output('Blazwa');
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0]!.json).toMatchObject({ to: '6281234567890' });
		expect(output[1]!.json).toEqual({
			error: expect.stringContaining('phoneNumber'),
			details: { kind: 'input', outcome: 'not-sent', retryable: false, field: 'phoneNumber' },
		});
		expect(output[2]!.json).toMatchObject({ to: '6281311112222' });
		expect(ctx.sandbox.state.outbox.map((entry) => entry.body)).toEqual(['satu', 'tiga']);
		expect(result.run.status).toBe('success');
	});

	test('an empty message without an image is refused before anything is sent', async () => {
		const result = await ctx.run(sendToNumber, [{ phone: '0812 3456 7890', text: '' }]);
		expect(result.error('Blazwa')?.name).toBe('NodeOperationError');
		expect(result.error('Blazwa')?.message).toContain('message is empty and there is no imageUrl');
		expect(ctx.sandbox.state.requests).toHaveLength(0);
	});

	test('"Wait Between Messages" spaces the sends at the account\'s pace', async () => {
		const waitMs = 250;
		await ctx.run({ ...sendToNumber, options: { waitBetweenMessages: waitMs } }, [
			{ phone: '0812 3456 7890', text: '1' },
			{ phone: '0812 3456 7890', text: '2' },
			{ phone: '0812 3456 7890', text: '3' },
		]);
		const starts = ctx.sandbox.state.requests.map((request) => request.at);
		expect(starts).toHaveLength(3);
		// A lower bound only: the starts are at least what was asked apart. These are arrival times at the sandbox, which
		// shares this busy process, so allow for a request that arrived late behind a busy event loop.
		for (let i = 1; i < starts.length; i++)
			expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(waitMs - 25);
	});

	test('stopping the execution drops the messages still waiting for their turn', async () => {
		const result = await ctx.run(
			{ ...sendToNumber, options: { waitBetweenMessages: 1000 } },
			[
				{ phone: '0812 3456 7890', text: '1' },
				{ phone: '0812 3456 7890', text: '2' },
				{ phone: '0812 3456 7890', text: '3' },
			],
			undefined,
			(stop) => {
				void vi
					.waitFor(() => expect(ctx.sandbox.state.outbox).toHaveLength(1), {
						timeout: 10_000,
						interval: 20,
					})
					.then(stop);
			},
		);
		expect(result.run.status).toBe('canceled');
		// Past the moment the second message was due: it never left.
		await new Promise((resolve) => setTimeout(resolve, 2000));
		expect(ctx.sandbox.state.outbox.map((entry) => entry.body)).toEqual(['1']);
	});
});

describe('message: sendToNumber with "Check the Number First"', () => {
	test('a number on WhatsApp is checked, then sent to once', async () => {
		const result = await ctx.run({ ...sendToNumber, options: { checkNumber: true } }, [
			{ phone: '0812 3456 7890', text: 'Halo' },
		]);
		expect(result.output('Blazwa')[0]!.json).toMatchObject({ to: '6281234567890', body: 'Halo' });
		expect(ctx.sandbox.state.requests.map((request) => request.operation)).toEqual([
			'check-number',
			'message',
		]);
		expect(ctx.sandbox.state.outbox).toHaveLength(1);
	});

	test('a number not on WhatsApp fails its item as not sent, and nothing is sent', async () => {
		const result = await ctx.run(
			{ ...sendToNumber, options: { checkNumber: true } },
			[{ phone: '021 5550 1234', text: 'Halo' }],
			{ onError: 'continueRegularOutput' },
		);
		expect(result.output('Blazwa')[0]!.json).toEqual({
			error: 'phone number 622155501234 is not on WhatsApp: check the number (nothing was sent)',
			details: { kind: 'input', outcome: 'not-sent', retryable: false, field: 'phoneNumber' },
		});
		expect(ctx.sandbox.state.outbox).toHaveLength(0);
	});
});

describe('message: sendToGroup', () => {
	test('sends to a group by its name', async () => {
		const result = await ctx.run({
			resource: 'message',
			operation: 'sendToGroup',
			groupName: 'Staff',
			message: 'Rapat jam 3',
		});
		expect(ctx.sandbox.state.outbox[0]).toMatchObject({
			kind: 'group',
			groupName: 'Staff',
			body: 'Rapat jam 3',
		});
		expect(result.output('Blazwa')[0]!.json).toMatchObject({ to: 'Staff', body: 'Rapat jam 3' });
	});

	test("an unknown group is the service's 400, reported with its reason as a NodeApiError", async () => {
		const result = await ctx.run({
			resource: 'message',
			operation: 'sendToGroup',
			groupName: 'Keluarga',
			message: 'Halo',
		});
		const error = result.error('Blazwa') as NodeApiError;
		expect(error.name).toBe('NodeApiError');
		expect(error.httpCode).toBe('400');
		expect(error.message).toContain("groupName 'Keluarga' is not a group of this WhatsApp account");
		expect(error.context.itemIndex).toBe(0);
	});
});
