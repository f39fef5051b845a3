import { expect, test } from 'vitest';

import { useSandbox } from './helpers/setup';

const ctx = useSandbox({ paired: true });

test('set registers the URL; reset removes it', async () => {
	const url = 'https://example.com/wa-inbound';
	const set = await ctx.run({ resource: 'webhook', operation: 'set', url: `  ${url} ` });
	expect(ctx.sandbox.state.webhook).toBe(url);
	expect(set.output('Blazwa')[0]!.json).toMatchObject({ message: 'Webhook saved', url });

	const reset = await ctx.run({ resource: 'webhook', operation: 'reset' });
	expect(ctx.sandbox.state.webhook).toBeNull();
	expect(reset.output('Blazwa')[0]!.json).toMatchObject({ message: 'Webhook removed' });
});

test('set with something that is not a URL fails before anything is sent', async () => {
	const error = (await ctx.run({ resource: 'webhook', operation: 'set', url: 'wa-inbound' })).error(
		'Blazwa',
	);
	expect(error?.name).toBe('NodeOperationError');
	expect(error?.message).toContain("webhook 'wa-inbound' is not a URL");
	expect(ctx.sandbox.state.requests).toHaveLength(0);
});
