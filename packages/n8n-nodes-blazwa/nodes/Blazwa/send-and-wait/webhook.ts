import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import type { ResponseType } from './message';
import { formAnswer, formFields, formInputs, type FormField } from './custom-form';
import { ANSWER_RECORDED_PAGE, confirmPage, formPage } from './pages';

// Free Text is a form of one required field, posted as `field-0` like n8n's own response form.
const FREE_TEXT_FIELDS: FormField[] = [
	{ fieldLabel: 'Response', fieldType: 'textarea', requiredField: true },
];

/**
 * The answer to a link of the message. n8n has checked the link's signature before this runs; a GET only shows a
 * page, and the POST from that page resumes the execution with the answer, shaped as n8n's own nodes shape it:
 * `{ data: { approved, respondedAt } }`, `{ data: { text, respondedAt } }`, or `{ data: { <field label>: value,
 * …, respondedAt } }`.
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

	const fields =
		responseType === 'customForm'
			? formFields(this.getNodeParameter('formFields', {}))
			: FREE_TEXT_FIELDS;
	const showForm = (status: number, problem?: string) => {
		const options = this.getNodeParameter('options', {}) as IDataObject;
		send(
			status,
			formPage({
				title: String(options.responseFormTitle || ''),
				description: String(options.responseFormDescription || question),
				buttonLabel: String(options.responseFormButtonLabel || 'Submit'),
				inputs: formInputs(fields),
				...(problem ? { problem } : {}),
			}),
		);
		return { noWebhookResponse: true };
	};
	const send = (status: number, html: string) => {
		res.status(status).setHeader('Content-Type', 'text/html; charset=utf-8');
		res.end(html);
	};

	if (responseType === 'freeText' || responseType === 'customForm') {
		if (req.method !== 'POST') return showForm(200);
		const answer = formAnswer(fields, postedFields(this.getBodyData()));
		// A wrong answer keeps the execution waiting: the form asks again, saying what to fix.
		if ('problem' in answer) return showForm(400, answer.problem);
		const data = responseType === 'freeText' ? { text: answer.data.Response } : answer.data;
		return {
			webhookResponse: ANSWER_RECORDED_PAGE,
			workflowData: [[{ json: { data: { ...data, respondedAt } } }]],
		};
	}

	if (req.method !== 'POST') {
		const approval = this.getNodeParameter('approvalOptions.values', {}) as IDataObject;
		const label =
			req.query.approved === 'false'
				? String(approval.disapproveLabel || '✗ Decline')
				: String(approval.approveLabel || '✓ Approve');
		send(200, confirmPage(question, label));
		return { noWebhookResponse: true };
	}
	return {
		webhookResponse: ANSWER_RECORDED_PAGE,
		workflowData: [[{ json: { data: { approved: req.query.approved === 'true', respondedAt } } }]],
	};
}

/**
 * The posted fields. n8n parses a multipart form (which it requires for a Custom Form) into `{ data, files }`, and
 * a urlencoded one into the fields themselves; a field sent twice arrives as a list.
 */
function postedFields(body: IDataObject | undefined): IDataObject {
	const fields =
		body?.data && typeof body.data === 'object' ? (body.data as IDataObject) : (body ?? {});
	return Object.fromEntries(
		Object.entries(fields).map(([name, value]) => [name, Array.isArray(value) ? value[0] : value]),
	) as IDataObject;
}
