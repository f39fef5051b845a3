import type { INodeProperties } from 'n8n-workflow';

export const webhookOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['webhook'] } },
		options: [
			{
				name: 'Set',
				value: 'set',
				description: 'Set the URL the service POSTs incoming messages to (one per account)',
				action: 'Set the webhook URL',
			},
			{
				name: 'Reset',
				value: 'reset',
				description: 'Stop delivering incoming messages to any URL',
				action: 'Reset the webhook',
			},
		],
		default: 'set',
	},
];

export const webhookFields: INodeProperties[] = [
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'https://example.com/whatsapp-inbound',
		description:
			'Where incoming messages are POSTed. To receive them in n8n, use the Blazwa Trigger node instead: it sets this for you.',
		displayOptions: { show: { resource: ['webhook'], operation: ['set'] } },
	},
];
