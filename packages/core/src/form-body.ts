/**
 * `application/x-www-form-urlencoded`, leaving out fields that are not set. It is on every send's path, so it uses
 * the native `encodeURIComponent` instead of `URLSearchParams`, at a fraction of the cost: a space is `%20` rather
 * than `+`, and `!'()*~` stay as they are, which every form decoder reads back the same.
 */
export function formBody(fields: Record<string, string | undefined>): string {
  let body = '';
  for (const key in fields) {
    const value = fields[key];
    if (value === undefined) continue;
    body += `${body === '' ? '' : '&'}${key}=${formValue(value)}`;
  }
  return body;
}

/** `encodeURIComponent` throws on a lone surrogate; a form carries it as U+FFFD, as `URLSearchParams` does. */
function formValue(text: string): string {
  return encodeURIComponent(text.isWellFormed() ? text : text.toWellFormed());
}
