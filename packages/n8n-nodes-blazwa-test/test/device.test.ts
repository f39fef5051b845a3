import type { IBinaryData } from 'n8n-workflow';
import { qrTextToImage } from '@blazwa/core';
import { expect, test } from 'vitest';

import { binaryDataService } from './helpers/n8n';
import { useSandbox } from './helpers/setup';

const ctx = useSandbox({ paired: false });
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

test('getStatus: waiting for a scan, then connected once paired', async () => {
	const before = await ctx.run({ resource: 'device', operation: 'getStatus' });
	expect(before.output('Blazwa')[0]!.json).toMatchObject({ status: 'qr' });
	ctx.sandbox.pair();
	const after = await ctx.run({ resource: 'device', operation: 'getStatus' });
	expect(after.output('Blazwa')[0]!.json).toMatchObject({
		status: 'connected',
		message: 'WhatsApp is connected',
	});
});

test("restart: the service's answer", async () => {
	const result = await ctx.run({ resource: 'device', operation: 'restart' });
	expect(result.output('Blazwa')[0]).toEqual({
		json: expect.objectContaining({ status: 'qr' }),
		pairedItem: { item: 0 },
	});
	expect(ctx.sandbox.state.requests.map((request) => request.path)).toEqual([
		'/openapi/wa/restart',
	]);
});

test('getQr as a binary file: a PNG in the "data" property that n8n can show', async () => {
	const result = await ctx.run({
		resource: 'device',
		operation: 'getQr',
		qrOutput: 'binary',
		binaryPropertyName: 'data',
	});
	const item = result.output('Blazwa')[0]!;
	const binary = item.binary?.data as IBinaryData;
	expect(binary).toMatchObject({
		mimeType: 'image/png',
		fileExtension: 'png',
		fileName: 'blazwa-qr.png',
		fileType: 'image',
	});
	const bytes = await binaryDataService().getAsBuffer(binary);
	expect([...bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
	expect(item.json).toEqual({ mimeType: 'image/png', fileName: 'blazwa-qr.png' });
	expect(item.pairedItem).toEqual({ item: 0 });
});

test('getQr as base64: the PNG as text and as a data URL', async () => {
	const result = await ctx.run({ resource: 'device', operation: 'getQr', qrOutput: 'base64' });
	const { json } = result.output('Blazwa')[0]!;
	expect(json.mimeType).toBe('image/png');
	expect([...Buffer.from(json.base64 as string, 'base64').subarray(0, 8)]).toEqual(PNG_SIGNATURE);
	expect(json.dataUrl).toBe(`data:image/png;base64,${json.base64 as string}`);
});

async function setQrAs(qrAs: string): Promise<void> {
	const answer = await fetch(`${ctx.sandbox.url}/_sandbox/options`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ qrAs }),
	});
	expect(answer.status).toBe(200);
}

/** The qr_string the sandbox answers now: base64 of its PNG, or the text the QR encodes. */
async function sandboxQrString(): Promise<string> {
	const answer = await fetch(`${ctx.sandbox.url}/openapi/wa/login-qr`, {
		method: 'POST',
		headers: { 'x-api-key': ctx.sandbox.apiKey, 'content-type': 'application/json' },
		body: JSON.stringify({ responseAs: 'string' }),
	});
	return ((await answer.json()) as { qr_string: string }).qr_string;
}

// Services differ in what qr_string holds; whichever the sandbox answers, the user gets the same PNG.
for (const qrAs of ['image', 'base64', 'text'] as const) {
	test(`getQr when the service answers the QR as ${qrAs}: a PNG, as a file and as base64`, async () => {
		await setQrAs(qrAs);
		try {
			const qrString = await sandboxQrString();
			const expected =
				qrAs === 'text'
					? Buffer.from(qrTextToImage(qrString).data)
					: Buffer.from(qrString, 'base64');
			expect([...expected.subarray(0, 8)]).toEqual(PNG_SIGNATURE);

			const asFile = await ctx.run({ resource: 'device', operation: 'getQr', qrOutput: 'binary' });
			const items = asFile.output('Blazwa');
			expect(items).toHaveLength(1);
			const bytes = await binaryDataService().getAsBuffer(items[0]!.binary!.data as IBinaryData);
			expect(bytes.equals(expected)).toBe(true);

			const asText = await ctx.run({ resource: 'device', operation: 'getQr', qrOutput: 'base64' });
			expect(asText.output('Blazwa')).toHaveLength(1);
			expect(asText.output('Blazwa')[0]!.json).toEqual({
				mimeType: 'image/png',
				base64: expected.toString('base64'),
				dataUrl: `data:image/png;base64,${expected.toString('base64')}`,
			});
		} finally {
			await setQrAs('image');
		}
	});
}

test("getQr when already paired: the service's reason", async () => {
	ctx.sandbox.pair();
	const error = (
		await ctx.run({ resource: 'device', operation: 'getQr', qrOutput: 'binary' })
	).error('Blazwa');
	expect(error?.name).toBe('NodeApiError');
	expect(error?.message).toContain('already connected');
});
