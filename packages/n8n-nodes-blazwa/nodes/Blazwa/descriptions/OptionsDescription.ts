import type { INodeProperties } from 'n8n-workflow';

export const optionsField: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: [
		{
			displayName: 'Wait Between Messages (Ms)',
			name: 'waitBetweenMessages',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description:
				'Milliseconds to wait between two sends when this node gets many items. Sending fast to many numbers can get a WhatsApp account blocked; 2000–5000 is a careful pace.',
			displayOptions: { show: { '/resource': ['message'] } },
		},
		{
			displayName: 'Timeout (Ms)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1000 },
			default: 30000,
			description: 'How long to wait for the Blazwa server to answer each request',
		},
	],
};
