// Retry On Fail inside n8n-core's engine never sends an item twice, a new run is a new send, and one account keeps
// one pace across concurrent executions. The retry of a failed execution from the Executions list needs n8n's server:
// e2e/n8n covers it.
import { startSandbox, type Sandbox } from '@blazwa/sandbox';
import type {
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeType,
} from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';

import {
	BLAZWA,
	createHarness,
	runNode,
	runWorkflow,
	START,
	startNodeType,
	type Harness,
} from './helpers/n8n';

/** Emits its input on both of its outputs: wired twice into one node, that node runs twice in the execution. */
const TWICE = 'test.twice';
const twiceNodeType = {
	description: {
		displayName: 'Twice',
		name: 'twice',
		group: ['transform'],
		version: 1,
		description: 'Passes its items on twice',
		defaults: { name: 'Twice' },
		inputs: ['main'],
		outputs: ['main', 'main'],
		properties: [],
	},
	async execute(this: IExecuteFunctions) {
		const items = this.getInputData();
		return [items, items];
	},
} as unknown as INodeType;

const sendToNumber = {
	resource: 'message',
	operation: 'sendToNumber',
	phoneNumber: '={{ $json.phone }}',
	message: '={{ $json.text }}',
};

const orders = (count: number, run = 'A'): IDataObject[] =>
	Array.from({ length: count }, (_, index) => ({
		phone: `0812 3456 ${String(7000 + index)}`,
		text: `Pesanan ${run}-${index} sudah dikirim.`,
	}));

/** The 51st send fails with a 500 before the gateway records it: 50 sends pass untouched, then the fault. */
function failTheFiftyFirstSend(sandbox: Sandbox): void {
	sandbox.fault({ delayMs: 0, count: 50, operations: ['message'] });
	sandbox.fault({ status: 500, operations: ['message'] });
}

function counts(sandbox: Sandbox) {
	const bodies = sandbox.state.outbox.map((entry) => entry.body);
	return {
		sent: bodies.length,
		distinct: new Set(bodies).size,
		twice: bodies.length - new Set(bodies).size,
	};
}

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ paired: true });
});
afterAll(async () => {
	await sandbox?.close();
});
beforeEach(() => sandbox.reset());

describe('Retry On Fail on the Blazwa node', () => {
	let harness: Harness;
	beforeAll(() => {
		harness = createHarness({
			blazwaApi: { server: 'custom', baseUrl: sandbox.url, apiKey: sandbox.apiKey },
		});
	});

	test('100 items, a 500 on the 51st: the retry answers the 50 sent items from the ledger and sends the rest once', async () => {
		failTheFiftyFirstSend(sandbox);
		const items = orders(100);
		const result = await runNode(harness, {
			parameters: sendToNumber,
			items,
			settings: { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 },
		});

		expect(result.run.status).toBe('success');
		const seen = counts(sandbox);
		console.info(
			`Retry On Fail: ${seen.sent} in the outbox, ${seen.distinct} distinct, ${seen.twice} twice`,
		);
		expect(seen).toEqual({ sent: 100, distinct: 100, twice: 0 });
		expect(new Set(sandbox.state.outbox.map((entry) => entry.body))).toEqual(
			new Set(items.map((item) => item.text)),
		);
		// The 500 was the only failed request: 50 + 1 + 50 requests in all.
		expect(
			sandbox.state.requests.map((request) => request.status).filter((s) => s !== 200),
		).toEqual([500]);

		const output: INodeExecutionData[] = result.output('Blazwa');
		expect(output.map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));
		const replayed = output.filter((item) => item.json.alreadySent === true);
		expect(replayed.map((item) => (item.pairedItem as { item: number }).item)).toEqual(
			Array.from({ length: 50 }, (_, index) => index),
		);
		// A replayed item carries the first send's own result: the id the gateway gave it then.
		const outboxIds = new Map(sandbox.state.outbox.map((entry) => [entry.body, entry.id]));
		for (const item of replayed) {
			const sent = item.json.body as string;
			expect(item.json.id).toBe(outboxIds.get(sent));
		}
		expect(output.filter((item) => item.json.alreadySent === undefined)).toHaveLength(50);
	});

	test('running the same items again is a new send: every one goes out again', async () => {
		const items = orders(5, 'B');
		await runNode(harness, { parameters: sendToNumber, items });
		const again = await runNode(harness, { parameters: sendToNumber, items });

		expect(counts(sandbox)).toEqual({ sent: 10, distinct: 5, twice: 5 });
		expect(again.output('Blazwa').filter((item) => item.json.alreadySent)).toEqual([]);
	});

	test('the same items reaching the node twice in one execution (a loop) are sent twice: each run is its own', async () => {
		const loopHarness = createHarness(
			{ blazwaApi: { server: 'custom', baseUrl: sandbox.url, apiKey: sandbox.apiKey } },
			{ [START]: startNodeType, [TWICE]: twiceNodeType },
		);
		const node = (id: string, name: string, type: string, parameters: IDataObject = {}): INode => ({
			id,
			name,
			type,
			typeVersion: 1,
			position: [0, 0],
			parameters: parameters as INode['parameters'],
		});
		const result = await runWorkflow(loopHarness, {
			nodes: [
				node('start', 'Start', START),
				node('twice', 'Twice', TWICE),
				{
					...node('blazwa-node', 'Blazwa', BLAZWA, sendToNumber),
					credentials: { blazwaApi: { id: '1', name: 'Blazwa account' } },
				},
			],
			connections: {
				Start: { main: [[{ node: 'Twice', type: 'main', index: 0 }]] },
				Twice: {
					main: [
						[{ node: 'Blazwa', type: 'main', index: 0 }],
						[{ node: 'Blazwa', type: 'main', index: 0 }],
					],
				},
			},
			startNode: 'Start',
			items: orders(3, 'L'),
		});
		expect(result.run.data.resultData.runData.Blazwa).toHaveLength(2);
		expect(counts(sandbox)).toEqual({ sent: 6, distinct: 3, twice: 3 });
	});

	test('a send that failed with a 503 is sent by the retry, once', async () => {
		sandbox.fault({ status: 503, operations: ['message'] });
		const result = await runNode(harness, {
			parameters: sendToNumber,
			items: [
				{ phone: '0812 3456 7890', text: 'Pesanan C-0' },
				{ phone: '0812 3456 7891', text: 'Pesanan C-1' },
			],
			settings: { retryOnFail: true, maxTries: 3, waitBetweenTries: 0 },
		});
		expect(result.run.status).toBe('success');
		expect(sandbox.state.outbox.map((entry) => entry.body)).toEqual(['Pesanan C-0', 'Pesanan C-1']);
	});
});

describe("one pace per account (the credential's Minimum Interval Between Messages)", () => {
	const INTERVAL_MS = 200;
	let harness: Harness;
	beforeAll(() => {
		harness = createHarness(
			{
				blazwaApi: {
					server: 'custom',
					baseUrl: sandbox.url,
					apiKey: sandbox.apiKey,
					minInterval: INTERVAL_MS / 1000,
				},
			},
			{ [START]: startNodeType },
		);
	});

	/** Gaps between consecutive arrivals of sends at the sandbox, whichever execution sent them. */
	function gaps(): number[] {
		const starts = sandbox.state.requests.map((request) => request.at).sort((a, b) => a - b);
		return starts.slice(1).map((at, index) => at - starts[index]!);
	}

	test('three executions at once share the pace: no two sends closer than the interval', async () => {
		await Promise.all(
			['D', 'E', 'F'].map(
				async (run) => await runNode(harness, { parameters: sendToNumber, items: orders(4, run) }),
			),
		);
		expect(counts(sandbox)).toEqual({ sent: 12, distinct: 12, twice: 0 });
		const smallest = Math.min(...gaps());
		console.info(`3 executions × 4 sends, interval ${INTERVAL_MS} ms: smallest gap ${smallest} ms`);
		// The pace counts from the end of the previous send, so it holds at the sandbox's side too, to the millisecond.
		expect(smallest).toBeGreaterThanOrEqual(INTERVAL_MS);
	});

	test("the node's Wait Between Messages makes it slower, never faster", async () => {
		await runNode(harness, {
			parameters: { ...sendToNumber, options: { waitBetweenMessages: 50 } },
			items: orders(3, 'G'),
		});
		expect(Math.min(...gaps())).toBeGreaterThanOrEqual(INTERVAL_MS);
		sandbox.reset();
		await runNode(harness, {
			parameters: { ...sendToNumber, options: { waitBetweenMessages: 400 } },
			items: orders(3, 'H'),
		});
		expect(Math.min(...gaps())).toBeGreaterThanOrEqual(400);
	});

	test('stopping one execution drops only its own waiting messages; the other execution sends all of its', async () => {
		const [stopped, other] = await Promise.all([
			runNode(harness, {
				parameters: sendToNumber,
				items: orders(5, 'I'),
				onStarted: (stop) => {
					const poll = () => {
						if (sandbox.state.outbox.some((entry) => entry.body.startsWith('Pesanan I-'))) stop();
						else setTimeout(poll, 5);
					};
					poll();
				},
			}),
			runNode(harness, { parameters: sendToNumber, items: orders(5, 'J') }),
		]);
		expect(stopped.run.status).toBe('canceled');
		expect(other.run.status).toBe('success');
		const bodies = sandbox.state.outbox.map((entry) => entry.body);
		const fromI = bodies.filter((body) => body.startsWith('Pesanan I-'));
		console.info(
			`stopped execution: ${fromI.length} of 5 sent; the other: ${bodies.length - fromI.length} of 5`,
		);
		expect(bodies.filter((body) => body.startsWith('Pesanan J-'))).toHaveLength(5);
		expect(fromI.length).toBeLessThan(5);
		expect(counts(sandbox).twice).toBe(0);
	});
});
