import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import type { ResponseType } from './message';
import { ANSWER_RECORDED_PAGE, confirmPage, freeTextPage } from './pages';

const MAX_TEXT_LENGTH = 10_000;

/**
 * The answer to a link of the message. n8n has checked the link's signature before this runs; a GET only shows a
 * page, and the POST from that page resumes the execution with the answer, shaped as n8n's own nodes shape it:
 * `{ data: { approved, respondedAt } }` or `{ data: { text, respondedAt } }`.
 */
export async function sendAndWaitWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const req = this.getRequestObject();
	const res = this.getResponseObject();
	const responseType = this.getNodeParameter('responseType', 'approval') as ResponseType;
	const question = String(this.getNodeParameter('message', '') ?? '')
		.trim()
		.replace(/\\n/g, '\n')
		.replace(/<br>/g, '\n');
	const respondedAt = new Date().toISOString();

	if (req.method !== 'POST') {
		let html: string;
		if (responseType === 'freeText') {
			const options = this.getNodeParameter('options', {}) as IDataObject;
			html = freeTextPage({
				title: String(options.responseFormTitle || ''),
				description: String(options.responseFormDescription || question),
				buttonLabel: String(options.responseFormButtonLabel || 'Submit'),
			});
		} else {
			const approval = this.getNodeParameter('approvalOptions.values', {}) as IDataObject;
			const label =
				req.query.approved === 'false'
					? String(approval.disapproveLabel || '✗ Decline')
					: String(approval.approveLabel || '✓ Approve');
			html = confirmPage(question, label);
		}
		res.status(200).setHeader('Content-Type', 'text/html; charset=utf-8');
		res.end(html);
		return { noWebhookResponse: true };
	}

	if (responseType === 'freeText') {
		const body = this.getBodyData() as IDataObject;
		const text = typeof body.text === 'string' ? body.text.slice(0, MAX_TEXT_LENGTH) : '';
		if (!text.trim()) {
			// An empty answer keeps the execution waiting: the form asks again.
			res.status(400).setHeader('Content-Type', 'text/html; charset=utf-8');
			res.end(
				freeTextPage({
					title: 'Please write a response',
					description: question,
					buttonLabel: 'Submit',
				}),
			);
			return { noWebhookResponse: true };
		}
		return {
			webhookResponse: ANSWER_RECORDED_PAGE,
			workflowData: [[{ json: { data: { text, respondedAt } } }]],
		};
	}
	return {
		webhookResponse: ANSWER_RECORDED_PAGE,
		workflowData: [[{ json: { data: { approved: req.query.approved === 'true', respondedAt } } }]],
	};
}
