import { expect, test } from 'vitest';

import { useSandbox } from './helpers/setup';

const ctx = useSandbox({ unregistered: ['0811 0000 0000'] });

test('check: each number normalized, with whether it has WhatsApp, paired with its item', async () => {
	const result = await ctx.run(
		{ resource: 'number', operation: 'check', phoneNumber: '={{ $json.phone }}' },
		[{ phone: '0812-3456-7890' }, { phone: '+62 811 0000 0000' }],
	);
	expect(result.output('Blazwa')).toEqual([
		{ json: { phoneNumber: '6281234567890', isRegistered: true }, pairedItem: { item: 0 } },
		{ json: { phoneNumber: '6281100000000', isRegistered: false }, pairedItem: { item: 1 } },
	]);
	expect(ctx.sandbox.state.requests.map((request) => request.path)).toEqual([
		'/openapi/wa/check-number/6281234567890',
		'/openapi/wa/check-number/6281100000000',
	]);
});
