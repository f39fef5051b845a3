import { describe, expect, test } from 'vitest';

import { SendLedger, sendKey } from '../../n8n-nodes-blazwa/shared/send-ledger';

const key = (itemIndex: number, message = 'Halo') =>
	sendKey({
		scope: 'run-1',
		nodeId: 'node-1',
		runIndex: 0,
		itemIndex,
		credential: 'cred-1',
		operation: 'sendToNumber',
		fields: { phoneNumber: '0812 3456 7890', message, imageUrl: '' },
	});

describe('the send ledger', () => {
	test('answers a recorded send with a copy of its result, and nothing for another item or message', () => {
		const ledger = new SendLedger();
		ledger.record(key(0), { result: { id: 'm1' } });
		const first = ledger.get(key(0));
		expect(first).toEqual({ result: { id: 'm1' } });
		(first!.result as { id: string }).id = 'changed downstream';
		expect(ledger.get(key(0))).toEqual({ result: { id: 'm1' } });
		expect(ledger.get(key(1))).toBeUndefined();
		expect(ledger.get(key(0, 'Halo lagi'))).toBeUndefined();
	});

	test('forgets a send after its time to live', () => {
		let now = 1_000;
		const ledger = new SendLedger({ ttlMs: 500, now: () => now });
		ledger.record(key(0), { ok: true });
		now += 499;
		expect(ledger.get(key(0))).toEqual({ ok: true });
		now += 1;
		expect(ledger.get(key(0))).toBeUndefined();
		expect(ledger.size).toBe(0);
	});

	test('holds at most maxEntries, dropping the oldest', () => {
		const ledger = new SendLedger({ maxEntries: 3 });
		for (let index = 0; index < 10; index++) ledger.record(key(index), { index });
		expect(ledger.size).toBe(3);
		expect([0, 6, 7, 8, 9].map((index) => ledger.get(key(index)))).toEqual([
			undefined,
			undefined,
			{ index: 7 },
			{ index: 8 },
			{ index: 9 },
		]);
	});

	test('keys hold no message text or number in the clear', () => {
		expect(key(0)).not.toContain('Halo');
		expect(key(0)).not.toContain('0812');
	});
});
