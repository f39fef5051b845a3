/** The small pages a phone shows when the recipient taps a link: plain HTML, no script, nothing fetched. */

export function escapeHtml(text: string): string {
	return text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;');
}

function page(title: string, body: string): string {
	return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
p{white-space:pre-wrap}label{display:block;margin-top:1rem}input,select,textarea{width:100%;font:inherit;box-sizing:border-box}textarea{min-height:8rem;font:inherit;box-sizing:border-box}
button{font:inherit;padding:.75rem 1.5rem;margin-top:1rem;border:0;border-radius:.5rem;background:#128c7e;color:#fff}</style>
</head><body>${body}</body></html>`;
}

/**
 * The page an approval link opens. It asks for one more tap because apps that fetch a link to draw its preview
 * would otherwise answer on the recipient's behalf; the form posts back to the same signed address.
 */
export function confirmPage(question: string, answerLabel: string): string {
	return page(
		answerLabel,
		`<p>${escapeHtml(question)}</p><form method="post"><button type="submit">${escapeHtml(answerLabel)}</button></form>`,
	);
}

/** The response form: the question (or the form's own description), the inputs, and what was wrong last time. */
export function formPage(form: {
	title: string;
	description: string;
	buttonLabel: string;
	inputs: string;
	problem?: string;
}): string {
	const title = form.title ? `<h1>${escapeHtml(form.title)}</h1>` : '';
	const problem = form.problem
		? `<p role="alert"><strong>${escapeHtml(form.problem)}</strong></p>`
		: '';
	return page(
		form.title || 'Response',
		`${title}<p>${escapeHtml(form.description)}</p>${problem}<form method="post" enctype="multipart/form-data">
${form.inputs}
<button type="submit">${escapeHtml(form.buttonLabel)}</button></form>`,
	);
}

export const ANSWER_RECORDED_PAGE = page(
	'Got it, thanks',
	'<h1>Got it, thanks</h1><p>This page can be closed now</p>',
);
