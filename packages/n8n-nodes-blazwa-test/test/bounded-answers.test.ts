import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';

import { createHarness, runNode } from './helpers/n8n';

// Gateways that misbehave as the sandbox never does: they drip an answer, or send far too much.

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
	while (closers.length) await closers.pop()!();
});

async function misbehaving(answer: (res: ServerResponse, timers: Set<NodeJS.Timeout>) => void) {
	const seen = { requests: 0 };
	const timers = new Set<NodeJS.Timeout>();
	const server = createServer((req, res) => {
		req.resume();
		req.on('end', () => {
			seen.requests++;
			answer(res, timers);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	closers.push(
		() =>
			new Promise<void>((resolve) => {
				for (const timer of timers) clearInterval(timer);
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	);
	return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const send = {
	resource: 'message',
	operation: 'sendToNumber',
	phoneNumber: '0812 3456 7890',
	message: 'Halo',
	options: { timeout: 1000 },
};

describe("the node's timeout is a deadline for the whole answer", () => {
	test('a gateway dripping its answer cannot hold a send past the timeout', async () => {
		const body = JSON.stringify({
			message: 'Pesan terkirim',
			result: {
				id: '1',
				body: 'Halo',
				from: '1',
				to: '6281234567890',
				media_url: null,
				created_at: 'x',
			},
			code: 20001,
		});
		let at = 0;
		const server = await misbehaving((res, timers) => {
			res.writeHead(200, { 'content-type': 'application/json' });
			timers.add(
				setInterval(() => {
					if (at < body.length) res.write(body[at++]!);
					else res.end();
				}, 200),
			);
		});
		const harness = createHarness({
			blazwaApi: { server: 'custom', baseUrl: server.url, apiKey: 'k' },
		});
		const result = await runNode(harness, { parameters: send });
		const dripped = at;
		const error = result.error('Blazwa');
		expect(error?.message).toContain('No answer from the Blazwa server within 1 s');
		expect(error?.message).toContain('may have been sent: check the chat before sending it again');
		expect(error?.context.blazwa).toMatchObject({
			kind: 'timeout',
			outcome: 'unknown',
			retryable: false,
		});
		expect(server.seen.requests).toBe(1);
		// It ended while the answer was still dripping.
		expect(dripped).toBeLessThan(body.length);
	});

	test('an answer past the limit is refused with what happened', async () => {
		const server = await misbehaving((res) => {
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(Buffer.alloc(3 * 1024 * 1024, 0x20));
		});
		const harness = createHarness({
			blazwaApi: { server: 'custom', baseUrl: server.url, apiKey: 'k' },
		});
		const result = await runNode(harness, {
			parameters: { ...send, options: { timeout: 10_000 } },
		});
		const error = result.error('Blazwa');
		expect(error?.message).toContain("The Blazwa server's answer is larger than 1024 kB");
		expect(error?.message).toContain('may have been sent');
		expect(server.seen.requests).toBe(1);
	});
});
