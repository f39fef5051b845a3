import { BlazwaError, encodeBase64, imageToDataUrl, loginQrImage, prepareTo } from '@blazwa/core';
import type { BlazwaClient, OutgoingMessage, QrImage } from '@blazwa/core';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { prepareQuestion } from './send-and-wait/message';

export type Resource = 'message' | 'number' | 'device' | 'webhook';

/**
 * The item's message, checked by core: call it before the item waits its pace turn, so bad input fails at once.
 * `undefined` for an operation that sends no message.
 */
export function prepareItem(
	context: IExecuteFunctions,
	resource: Resource,
	operation: string,
	itemIndex: number,
): OutgoingMessage | undefined {
	if (resource !== 'message') return undefined;
	const param = (name: string) => context.getNodeParameter(name, itemIndex, '') as string;
	const content = { message: param('message'), imageUrl: param('imageUrl') };
	if (operation === 'sendToNumber')
		return prepareTo('number', { phoneNumber: param('phoneNumber'), ...content });
	if (operation === 'sendToGroup')
		return prepareTo('group', { groupName: param('groupName'), ...content });
	if (operation === 'sendAndWait') return prepareQuestion(context);
	return undefined;
}

/**
 * One input item → one core call → one output item (pairedItem is added by the caller). A send outputs the message
 * as the service recorded it, as the Node-RED node does.
 */
export async function runOperation(
	context: IExecuteFunctions,
	client: BlazwaClient,
	resource: Resource,
	operation: string,
	itemIndex: number,
	prepared: OutgoingMessage | undefined = prepareItem(context, resource, operation, itemIndex),
): Promise<INodeExecutionData> {
	const param = (name: string) => context.getNodeParameter(name, itemIndex, '') as string;
	if (prepared) {
		const checkNumberFirst =
			context.getNodeParameter('options.checkNumber', itemIndex, false) === true;
		return json(await client.send(prepared, { checkNumberFirst }));
	}
	const key = `${resource}:${operation}`;
	switch (key) {
		case 'number:check': {
			const { phoneNumber, isRegistered } = await client.checkNumber(param('phoneNumber'));
			return json({ phoneNumber, isRegistered });
		}
		case 'device:getStatus':
			return json(await client.status());
		case 'device:restart':
			return json(await client.restart());
		case 'device:getQr':
			return await qrItem(context, client, itemIndex);
		case 'webhook:set': {
			const url = param('url');
			return json({ ...(await client.setWebhook(url)), url: url.trim() });
		}
		case 'webhook:reset':
			return json(await client.resetWebhook());
		default:
			throw BlazwaError.input(
				'operation',
				`The operation '${operation}' of resource '${resource}' is unknown: pick one from the list`,
			);
	}
}

async function qrItem(
	context: IExecuteFunctions,
	client: BlazwaClient,
	itemIndex: number,
): Promise<INodeExecutionData> {
	const qrOutput = context.getNodeParameter('qrOutput', itemIndex, 'binary') as 'binary' | 'base64';
	const result = await client.loginQr({ responseAs: 'image' });
	// A picture whatever the service sent; a text qr_string is drawn by core, as for Node-RED.
	const image: QrImage = loginQrImage(result);
	if (qrOutput === 'base64') {
		return json({
			mimeType: image.mimeType,
			base64: encodeBase64(image.data),
			dataUrl: imageToDataUrl(image),
		});
	}
	const binaryPropertyName = context.getNodeParameter(
		'binaryPropertyName',
		itemIndex,
		'data',
	) as string;
	const extension = image.mimeType.split('/')[1] ?? 'png';
	const bytes = Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength);
	const binary = await context.helpers.prepareBinaryData(
		bytes,
		`blazwa-qr.${extension}`,
		image.mimeType,
	);
	return {
		json: { mimeType: image.mimeType, fileName: binary.fileName },
		binary: { [binaryPropertyName]: binary },
	};
}

function json(value: object): INodeExecutionData {
	return { json: value as IDataObject };
}
