import type { IExecuteFunctions } from 'n8n-workflow';

import type { Resource } from './operations';

/** The operations that deliver a message: the ones a retry must not run twice for the same item. */
export function isSend(resource: Resource, operation: string): boolean {
	return resource === 'message' && (operation === 'sendToNumber' || operation === 'sendToGroup');
}

/** What one item sends and to whom, as the user wrote it: the same fields send the same message. */
export function sendFields(context: IExecuteFunctions, itemIndex: number): Record<string, string> {
	const operation = context.getNodeParameter('operation', itemIndex) as string;
	const param = (name: string) => String(context.getNodeParameter(name, itemIndex, '') ?? '');
	return {
		[operation === 'sendToGroup' ? 'groupName' : 'phoneNumber']: param(
			operation === 'sendToGroup' ? 'groupName' : 'phoneNumber',
		),
		message: param('message'),
		imageUrl: param('imageUrl'),
	};
}
