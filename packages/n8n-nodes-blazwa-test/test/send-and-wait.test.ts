import { beforeAll, describe, expect, test } from 'vitest';

import { useSandbox } from './helpers/setup';

const ctx = useSandbox({ paired: true, groups: ['Staff'] });

// n8n gives every real execution an id, and the answer links name it.
let executionNumber = 0;
beforeAll(() => {
	const base = ctx.harness.additionalData.bind(ctx.harness);
	ctx.harness.additionalData = () => ({ ...base(), executionId: String(++executionNumber) });
});

const ask = {
	resource: 'message',
	operation: 'sendAndWait',
	sendTo: 'number',
	phoneNumber: '={{ $json.phone }}',
	message: '={{ "Kirim pesanan " + $json.order + "?" }}',
	responseType: 'approval',
};

function links(body: string): Array<{ label: string; url: URL }> {
	return [...body.matchAll(/^\*(.+):\*\n(http\S+)$/gm)].map(([, label, url]) => ({
		label: label!,
		url: new URL(url!),
	}));
}

describe('message: sendAndWait', () => {
	test('three items ask one question, from the first item, and the execution waits with the items unchanged', async () => {
		const items = [
			{ phone: '0812 3456 7890', order: 'A-1' },
			{ phone: '0813 1111 2222', order: 'A-2' },
			{ phone: '0813 3333 4444', order: 'A-3' },
		];
		const result = await ctx.run(ask, items);

		const outbox = ctx.sandbox.state.outbox;
		expect(outbox.map(({ to }) => to)).toEqual(['6281234567890']);
		const [question] = outbox;
		expect(question!.body.split('\n\n')[0]).toBe('Kirim pesanan A-1?');
		const answers = links(question!.body);
		expect(answers.map(({ label }) => label)).toEqual(['✓ Approve']);
		// The engine harness's waiting base URL ends in a slash; n8n's own does not.
		expect(answers[0]!.url.pathname).toBe(`/webhook-waiting//${executionNumber}/blazwa-node`);
		expect(answers[0]!.url.searchParams.get('approved')).toBe('true');
		expect(answers[0]!.url.searchParams.get('signature')).toMatch(/^[0-9a-f]{64}$/);
		expect(question!.body.endsWith('_This message was sent automatically with n8n_')).toBe(true);

		expect(result.run.status).toBe('waiting');
		expect(result.run.waitTill?.getTime()).toBe(new Date('3000-01-01T00:00:00.000Z').getTime());
		expect(result.output('Blazwa').map((item) => item.json)).toEqual(items);
	});

	test('approve and decline to a group: decline first, each with its own signature; the limit sets waitTill', async () => {
		const before = Date.now();
		const result = await ctx.run(
			{
				...ask,
				sendTo: 'group',
				groupName: 'Staff',
				approvalOptions: {
					values: { approvalType: 'double', approveLabel: 'Setuju', disapproveLabel: 'Tolak' },
				},
				options: {
					appendAttribution: false,
					limitWaitTime: {
						values: { limitType: 'afterTimeInterval', resumeAmount: 2, resumeUnit: 'hours' },
					},
				},
			},
			[{ order: 'R-7' }],
		);
		const outbox = ctx.sandbox.state.outbox;
		expect(outbox.map(({ kind, to }) => ({ kind, to }))).toEqual([{ kind: 'group', to: 'Staff' }]);
		expect(outbox[0]!.body).not.toContain('n8n');
		const answers = links(outbox[0]!.body);
		expect(answers.map(({ label }) => label)).toEqual(['Tolak', 'Setuju']);
		expect(answers.map(({ url }) => url.searchParams.get('approved'))).toEqual(['false', 'true']);
		const [decline, approve] = answers.map(({ url }) => url.searchParams.get('signature'));
		expect(decline).not.toBe(approve);
		const waitTill = result.run.waitTill!.getTime();
		expect(waitTill).toBeGreaterThanOrEqual(before + 2 * 3_600_000);
		expect(waitTill).toBeLessThanOrEqual(Date.now() + 2 * 3_600_000);
	});

	test('free text: one link with the button label', async () => {
		await ctx.run({ ...ask, responseType: 'freeText', options: { messageButtonLabel: 'Balas' } }, [
			{ phone: '0812 3456 7890', order: 'F-1' },
		]);
		const answers = links(ctx.sandbox.state.outbox[0]!.body);
		expect(answers.map(({ label }) => label)).toEqual(['Balas']);
	});

	test('custom form: one Respond link; a form without fields fails before anything is sent', async () => {
		await ctx.run(
			{
				...ask,
				responseType: 'customForm',
				formFields: { values: [{ fieldLabel: 'Jumlah', fieldType: 'number' }] },
			},
			[{ phone: '0812 3456 7890', order: 'K-1' }],
		);
		expect(links(ctx.sandbox.state.outbox[0]!.body).map(({ label }) => label)).toEqual(['Respond']);
		const empty = await ctx.run({ ...ask, responseType: 'customForm', formFields: {} }, [
			{ phone: '0812 3456 7890', order: 'K-2' },
		]);
		expect(empty.error('Blazwa')?.message).toMatch(/no fields/);
		expect(ctx.sandbox.state.outbox).toHaveLength(1);
	});

	test('Retry On Fail after a 500 asks the question once, and the execution still waits', async () => {
		ctx.sandbox.fault({ status: 500, operations: ['message'] });
		ctx.sandbox.fault({ delayMs: 0, count: 1, operations: ['message'] });
		const result = await ctx.run(ask, [{ phone: '0812 3456 7890', order: 'B-1' }], {
			retryOnFail: true,
			maxTries: 3,
			waitBetweenTries: 0,
		});
		const sent = ctx.sandbox.state.outbox.filter(({ body }) => body.includes('B-1'));
		const failed = ctx.sandbox.state.requests.filter((request) => request.status === 500);
		console.log(`retry: ${sent.length} question sent, ${failed.length} failed attempt`);
		expect(sent).toHaveLength(1);
		expect(failed).toHaveLength(1);
		expect(result.run.status).toBe('waiting');
	});

	test('a failed send reaches the error output with the item, and nothing waits', async () => {
		const result = await ctx.run(ask, [{ phone: 'tidak ada', order: 'C-1' }], {
			continueOnFail: true,
		});
		expect(ctx.sandbox.state.outbox).toHaveLength(0);
		expect(result.run.status).toBe('success');
		expect(result.output('Blazwa')[0]!.json.error).toMatch(/^phoneNumber 'tidak ada' /);
	});

	test('an unusable wait limit or an empty question fails before anything is sent', async () => {
		const badLimit = await ctx.run(
			{
				...ask,
				options: {
					limitWaitTime: { values: { limitType: 'atSpecifiedTime', maxDateAndTime: 'besok' } },
				},
			},
			[{ phone: '0812 3456 7890', order: 'D-1' }],
		);
		expect(badLimit.error('Blazwa')?.message).toBe('Could not configure Limit Wait Time');
		const empty = await ctx.run({ ...ask, message: '  ' }, [{ phone: '0812 3456 7890' }]);
		expect(empty.error('Blazwa')?.message).toMatch(/message is empty/);
		expect(ctx.sandbox.state.outbox).toHaveLength(0);
		expect(ctx.sandbox.state.requests).toHaveLength(0);
	});
});
