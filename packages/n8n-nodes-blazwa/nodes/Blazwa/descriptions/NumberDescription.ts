import type { INodeProperties } from 'n8n-workflow';

export const numberOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['number'] } },
		options: [
			{
				name: 'Check',
				value: 'check',
				description: 'Check whether a phone number has WhatsApp',
				action: 'Check a phone number',
			},
		],
		default: 'check',
	},
];

export const numberFields: INodeProperties[] = [
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: '0812 3456 7890',
		description: 'The number to check, in any common form (0812…, +62 812…, 62812…)',
		displayOptions: { show: { resource: ['number'], operation: ['check'] } },
	},
];
