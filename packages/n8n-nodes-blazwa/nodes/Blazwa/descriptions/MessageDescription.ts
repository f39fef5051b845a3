import type { INodeProperties } from 'n8n-workflow';

import { groupNameField, phoneNumberField } from './RecipientFields';

const showFor = (operation: string[]) => ({ show: { resource: ['message'], operation } });

export const messageOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: [
			{
				name: 'Send and Wait for Response',
				// n8n's own SEND_AND_WAIT_OPERATION: only for it do n8n's waiting webhooks check the links' signature.
				value: 'sendAndWait',
				description: 'Send a WhatsApp message with answer links and wait until someone answers',
				action: 'Send message and wait for response',
			},
			{
				name: 'Send to Number',
				value: 'sendToNumber',
				description: 'Send a WhatsApp text and/or image to one phone number',
				action: 'Send a message to a phone number',
			},
			{
				name: 'Send to Group',
				value: 'sendToGroup',
				description: 'Send a WhatsApp text and/or image to a group this account is in',
				action: 'Send a message to a group',
			},
		],
		default: 'sendToNumber',
	},
];

export const messageFields: INodeProperties[] = [
	phoneNumberField(showFor(['sendToNumber'])),
	groupNameField(showFor(['sendToGroup'])),
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		default: '',
		typeOptions: { rows: 4 },
		placeholder: 'Hello! We have received your order.',
		description:
			'The text to send. With an image it becomes the caption. Leave empty to send only the image.',
		displayOptions: showFor(['sendToNumber', 'sendToGroup']),
	},
	{
		displayName: 'Image URL',
		name: 'imageUrl',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/receipt.jpg',
		description:
			'Optional public http(s) link to an image (not a transparent PNG) to send with or instead of the text',
		displayOptions: showFor(['sendToNumber', 'sendToGroup']),
	},
];
