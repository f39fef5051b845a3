import type { IExecuteFunctions } from 'n8n-workflow';

import type { Resource } from './run-operation';
import { questionRecipient, questionText } from './send-and-wait/message';

/** The operations that deliver a message: the ones a retry must not run twice for the same item. */
export function isSend(resource: Resource, operation: string): boolean {
	return (
		resource === 'message' &&
		(operation === 'sendToNumber' || operation === 'sendToGroup' || operation === 'sendAndWait')
	);
}

/** What one item sends and to whom, as the user wrote it: the same fields send the same message. */
export function sendFields(context: IExecuteFunctions, itemIndex: number): Record<string, string> {
	const operation = context.getNodeParameter('operation', itemIndex) as string;
	// The question's links name this execution: a retried execution sends anew, since the old links are dead.
	if (operation === 'sendAndWait')
		return { ...questionRecipient(context), message: questionText(context) };
	const param = (name: string) => String(context.getNodeParameter(name, itemIndex, '') ?? '');
	return {
		[operation === 'sendToGroup' ? 'groupName' : 'phoneNumber']: param(
			operation === 'sendToGroup' ? 'groupName' : 'phoneNumber',
		),
		message: param('message'),
		imageUrl: param('imageUrl'),
	};
}
