import type { IBinaryData } from 'n8n-workflow';
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

test("getQr when already paired: the service's reason", async () => {
	ctx.sandbox.pair();
	const error = (
		await ctx.run({ resource: 'device', operation: 'getQr', qrOutput: 'binary' })
	).error('Blazwa');
	expect(error?.name).toBe('NodeApiError');
	expect(error?.message).toContain('already connected');
});
