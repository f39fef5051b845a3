import { BlazwaError, prepareTo } from '@blazwa/core';
import type { OutgoingMessage } from '@blazwa/core';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { formFields } from './custom-form';

/** One answer the recipient can give: its label and the signed link that records it. */
export interface AnswerLink {
	label: string;
	url: string;
}

export type ResponseType = 'approval' | 'freeText' | 'customForm';

const ATTRIBUTION = 'This message was sent automatically with n8n';

/**
 * The links the message offers, signed by n8n for this execution and this node (item 0, as n8n's own
 * send-and-wait nodes do: one question per execution). Decline comes first, as n8n orders its buttons.
 */
export function answerLinks(context: IExecuteFunctions): AnswerLink[] {
	const responseType = context.getNodeParameter('responseType', 0, 'approval') as ResponseType;
	const approve = () => context.getSignedResumeUrl({ approved: 'true' });
	if (
		responseType === 'customForm' &&
		formFields(context.getNodeParameter('formFields', 0, {})).length === 0
	)
		throw BlazwaError.input(
			'formFields',
			'The Custom Form has no fields: add at least one Form Field',
		);
	if (responseType === 'freeText' || responseType === 'customForm') {
		const label = context.getNodeParameter('options.messageButtonLabel', 0, 'Respond') as string;
		return [{ label: label || 'Respond', url: approve() }];
	}
	if (responseType !== 'approval') {
		throw BlazwaError.input(
			'responseType',
			`The response type '${String(responseType)}' is unknown: pick Approval, Free Text or Custom Form`,
		);
	}
	const approval = context.getNodeParameter('approvalOptions.values', 0, {}) as IDataObject;
	const approveLabel = String(approval.approveLabel || '✓ Approve');
	if (approval.approvalType !== 'double') return [{ label: approveLabel, url: approve() }];
	return [
		{
			label: String(approval.disapproveLabel || '✗ Decline'),
			url: context.getSignedResumeUrl({ approved: 'false' }),
		},
		{ label: approveLabel, url: approve() },
	];
}

/**
 * The WhatsApp text: the question, then each answer as a bold label over its link. WhatsApp shows no buttons,
 * and a bare link on its own line is what a phone makes tappable.
 */
export function questionText(context: IExecuteFunctions): string {
	// As n8n's own nodes do: a typed "\n" or "<br>" is a line break.
	const question = (context.getNodeParameter('message', 0, '') as string)
		.trim()
		.replace(/\\n/g, '\n')
		.replace(/<br>/g, '\n');
	if (!question)
		throw BlazwaError.input('message', 'The message is empty: write the question to ask');
	const answers = answerLinks(context).map(({ label, url }) => `*${label}:*\n${url}`);
	const attribution = context.getNodeParameter('options.appendAttribution', 0, true) as boolean;
	return [question, ...answers, ...(attribution === false ? [] : [`_${ATTRIBUTION}_`])].join(
		'\n\n',
	);
}

/** Where the question goes, as the user wrote it. */
export function questionRecipient(
	context: IExecuteFunctions,
): { phoneNumber: string } | { groupName: string } {
	const sendTo = context.getNodeParameter('sendTo', 0, 'number') as string;
	if (sendTo === 'group')
		return { groupName: String(context.getNodeParameter('groupName', 0, '') ?? '') };
	return { phoneNumber: String(context.getNodeParameter('phoneNumber', 0, '') ?? '') };
}

/** The question as core's message to send, checked (number, group, text) before it waits for its turn. */
export function prepareQuestion(context: IExecuteFunctions): OutgoingMessage {
	const recipient = questionRecipient(context);
	const message = questionText(context);
	return 'groupName' in recipient
		? prepareTo('group', { groupName: recipient.groupName, message })
		: prepareTo('number', { phoneNumber: recipient.phoneNumber, message });
}
