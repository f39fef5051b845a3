// Property-based fuzzing of the phone number and the message through the real node in n8n's engine, the values
// arriving as item fields through expressions, as they do from a spreadsheet or a form. Each execution either sends
// (the sandbox holds the message under the normalized number) or fails through n8n's error path naming the field;
// never another error, a crash or a hang.
import { normalizePhoneNumber } from '@blazwa/core';
import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';
import { expect, test } from 'vitest';

import { runSend, secretsAndCrashesTest, useReliability } from './suite';

const suite = useReliability();

const digits = (min: number, max: number) =>
	fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });

/** Numbers as people type them: prefixes, separators, spaces. */
const typedPhone = fc
	.tuple(
		fc.constantFrom('0', '+62', '62', '+62 (0)', '', '(+62) '),
		fc.array(digits(1, 5), { minLength: 1, maxLength: 5 }),
		fc.constantFrom(' ', '-', '.', '', ' - '),
	)
	.map(([prefix, groups, separator]) => `${prefix}${groups.join(separator)}`);

/** An Indonesian mobile the sandbox has on WhatsApp, in some spelling. */
const goodPhone = fc
	.tuple(fc.constantFrom('0', '+62 ', '62', '+62-'), digits(9, 11), fc.constantFrom(' ', '-', ''))
	.map(([prefix, rest, separator]) => `${prefix}8${rest.slice(0, 3)}${separator}${rest.slice(3)}`);

const oddValues = fc.oneof(
	fc.constant(''),
	fc.constant('   '),
	fc.constant(null),
	fc.boolean(),
	fc.integer(),
	fc.double(),
	fc.constant(Number.MAX_SAFE_INTEGER + 2),
	fc.object({ maxDepth: 2 }),
	fc.array(fc.jsonValue(), { maxLength: 4 }),
	fc.constant('9'.repeat(50_000)),
	fc.constant('٠٨١٢٣٤٥٦٧٨٩٠'),
	fc.constant('０８１２３４５６７８９０'),
);

const anyPhone = fc.oneof(
	typedPhone,
	goodPhone,
	fc.string(),
	fc.string({ unit: 'binary' }),
	fc.string({ unit: 'grapheme' }),
	oddValues,
);
const anyMessage = fc.oneof(
	fc.string({ minLength: 1 }),
	fc.string({ unit: 'binary', minLength: 1 }),
	fc.string({ unit: 'grapheme', maxLength: 40 }),
	fc.constant('x'.repeat(65_536)),
	// Longer than WhatsApp takes.
	fc.constant('x'.repeat(65_537)),
	fc.constant('Halo 👋🏽 {{ $json.secret }} <b>&amp;</b> \u0000\u202e'),
	oddValues,
);
const goodMessage = fc
	.string({ unit: 'grapheme', minLength: 1, maxLength: 60 })
	.filter((text) => text.trim() !== '');

interface Tally {
	sent: number;
	refused: Record<string, number>;
}

/** One execution with one item; returns how it ended, having checked that the ending is a proper one. */
async function sendOne(phone: unknown, text: unknown, tally: Tally): Promise<'sent' | 'refused'> {
	suite.sandbox.reset();
	const item = { phone, text } as IDataObject;
	const { run, sent, failed } = await runSend(suite, [item], { onError: 'stopWorkflow' });
	const outbox = suite.sandbox.state.outbox;
	if (run.status === 'success') {
		expect(sent).toHaveLength(1);
		expect(failed).toHaveLength(0);
		// Sent: the sandbox accepted it under the number core's rule gives, with the text as given (form encoding
		// turns an unpaired surrogate into U+FFFD, as any UTF-8 transport must).
		expect(outbox).toHaveLength(1);
		expect(outbox[0]!.to).toBe(normalizePhoneNumber(phone as string));
		expect(outbox[0]!.body).toBe(String(text).toWellFormed());
		tally.sent++;
		return 'sent';
	}
	// Refused: through n8n's error path, as a node error that names the field at fault; nothing sent.
	expect(run.status).toBe('error');
	const error = run.data.resultData.error!;
	expect(['NodeOperationError', 'NodeApiError']).toContain(error.name);
	const field = ['phoneNumber', 'message'].find((name) => error.message.includes(name));
	expect(field, `"${error.message}" names no field`).toBeDefined();
	expect(outbox).toHaveLength(0);
	tally.refused[field!] = (tally.refused[field!] ?? 0) + 1;
	return 'refused';
}

const summary = (tally: Tally) =>
	`${tally.sent} sent, refused naming ${JSON.stringify(tally.refused)}`;

test(
	'fuzzing: any phone number and message either sends to the normalized number or fails naming the field',
	{ timeout: 240_000 },
	async () => {
		const tally: Tally = { sent: 0, refused: {} };
		await fc.assert(
			fc.asyncProperty(anyPhone, anyMessage, async (phone, text) => {
				await sendOne(phone, text, tally);
			}),
			{ numRuns: 400, seed: 7 },
		);
		console.log(`fuzzing phone × message: 400 executions → ${summary(tally)}`);
		expect(tally.sent).toBeGreaterThan(0);
		expect(Object.keys(tally.refused).sort()).toEqual(['message', 'phoneNumber']);
	},
);

test(
	'fuzzing: a well-formed Indonesian mobile in any spelling, with any non-blank text, is always sent',
	{ timeout: 120_000 },
	async () => {
		const tally: Tally = { sent: 0, refused: {} };
		await fc.assert(
			fc.asyncProperty(goodPhone, goodMessage, async (phone, text) => {
				expect(await sendOne(phone, text, tally)).toBe('sent');
			}),
			{ numRuns: 150, seed: 11 },
		);
		console.log(`fuzzing good input: 150 executions → ${summary(tally)}`);
	},
);

test(
	'fuzzing: 1,000 bad and good items in one execution with the error output on: each item ends once, on the right output',
	{ timeout: 120_000 },
	async () => {
		suite.sandbox.reset();
		const samples = fc.sample(fc.tuple(anyPhone, anyMessage), { numRuns: 1000, seed: 13 });
		const items = samples.map(([phone, text], index) => ({ index, phone, text }) as IDataObject);
		const { sent, failed, run } = await runSend(suite, items);
		expect(run.status).toBe('success');
		const endings = [...sent, ...failed]
			.map((item) => (item.pairedItem as { item: number }).item)
			.sort((a, b) => a - b);
		expect(endings).toEqual(items.map((_, index) => index));
		for (const item of failed) {
			const { error, details, ...rest } = item.json;
			expect(rest).toEqual(items[(item.pairedItem as { item: number }).item]);
			expect(String(error)).toMatch(/phoneNumber|message/);
		}
		expect(suite.sandbox.state.outbox).toHaveLength(sent.length);
		console.log(
			`fuzzing one execution: 1000 items → ${sent.length} sent, ${failed.length} on the error output with their item`,
		);
	},
);

secretsAndCrashesTest(suite);
