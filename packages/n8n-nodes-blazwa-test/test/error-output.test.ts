import { expect, test } from 'vitest';

import { useSandbox } from './helpers/setup';

const ctx = useSandbox({ paired: true });

const sendToNumber = {
	resource: 'message',
	operation: 'sendToNumber',
	phoneNumber: '={{ $json.phone }}',
	message: '={{ $json.text }}',
};

// "On Error: Continue (using error output)": n8n moves an item to the error output only when it recognises it as an
// error item, and then merges the input item it came from into it, so the branch can act on the original data.
test('with the error output on, a failed send leaves by the error output carrying its input item, the others by the success output', async () => {
	ctx.sandbox.fault({ status: 500, operations: ['message'] });
	const items = [
		{ phone: '0812 3456 7890', text: 'gagal', orderId: 'A-1' },
		{ phone: '', text: 'tanpa nomor', orderId: 'A-2' },
		{ phone: '0813 1111 2222', text: 'terkirim', orderId: 'A-3' },
	];
	const result = await ctx.run(sendToNumber, items, { onError: 'continueErrorOutput' });

	const main = result.run.data.resultData.runData.Blazwa![0]!.data!.main!;
	const [success, failed] = [main[0] ?? [], main[1] ?? []];
	expect(success.map((item) => item.json)).toEqual([
		expect.objectContaining({ to: '6281311112222', body: 'terkirim' }),
	]);
	expect(failed.map((item) => item.json)).toEqual([
		{
			...items[0],
			error: expect.stringMatching(/^The Blazwa server failed \(500\)/),
			details: {
				kind: 'server',
				outcome: 'unknown',
				retryable: false,
				httpCode: '500',
				operation: 'sendMessage',
			},
		},
		{
			...items[1],
			error: expect.stringContaining('phoneNumber'),
			details: { kind: 'input', outcome: 'not-sent', retryable: false, field: 'phoneNumber' },
		},
	]);
	expect(failed.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	expect(result.run.status).toBe('success');
});
