import { DEFAULT_TIMEOUT_MS } from '@blazwa/core';
import type { INodeProperties } from 'n8n-workflow';
import { SEND_AND_WAIT_OPERATION } from 'n8n-workflow';

export const optionsField: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	// Send and Wait has its own Options, named as in n8n's own send-and-wait nodes.
	displayOptions: { hide: { operation: [SEND_AND_WAIT_OPERATION] } },
	options: [
		{
			displayName: 'Check the Number First',
			name: 'checkNumber',
			type: 'boolean',
			default: false,
			description:
				'Whether to ask the Blazwa server first if the number is on WhatsApp, and fail the item (nothing sent) if it is not. One more request per message.',
			displayOptions: { show: { '/operation': ['sendToNumber'] } },
		},
		{
			displayName: 'Wait Between Messages (Ms)',
			name: 'waitBetweenMessages',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description:
				"Milliseconds between two sends of this node. The credential's Minimum Interval Between Messages already paces every send of the account; this can only make this node slower.",
			displayOptions: { show: { '/resource': ['message'] } },
		},
		{
			displayName: 'Timeout (Ms)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1000 },
			default: DEFAULT_TIMEOUT_MS,
			description: 'How long to wait for the whole answer of each request to the Blazwa server',
		},
	],
};
