import type { INodeProperties } from 'n8n-workflow';

export const deviceOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['device'] } },
		options: [
			{
				name: 'Get Status',
				value: 'getStatus',
				description: 'Whether the WhatsApp device is connected or waiting for a QR scan',
				action: 'Get the device status',
			},
			{
				name: 'Restart',
				value: 'restart',
				description: 'Restart the WhatsApp session',
				action: 'Restart the device',
			},
			{
				name: 'Get QR',
				value: 'getQr',
				description:
					'Get the QR code to scan with WhatsApp (Linked devices) to connect the account',
				action: 'Get the login QR code',
			},
		],
		default: 'getStatus',
	},
];

export const deviceFields: INodeProperties[] = [
	{
		displayName: 'Put QR In',
		name: 'qrOutput',
		type: 'options',
		options: [
			{
				name: 'Binary File',
				value: 'binary',
				description: 'A PNG file you can view and download in n8n',
			},
			{
				name: 'Base64 Field',
				value: 'base64',
				description:
					'Base64 text and a data URL in the JSON output, e.g. for an email or a web page',
			},
		],
		default: 'binary',
		displayOptions: { show: { resource: ['device'], operation: ['getQr'] } },
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the output binary field to put the QR image in',
		displayOptions: { show: { resource: ['device'], operation: ['getQr'], qrOutput: ['binary'] } },
	},
];
