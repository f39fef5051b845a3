import { BlazwaError } from './errors.js';

/** Checks that `value` is an absolute http(s) URL and returns it trimmed. */
export function validateHttpUrl(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw BlazwaError.input(field, `${field} is empty: give an absolute http(s) URL, like https://example.com/…`);
  }
  const text = value.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw BlazwaError.input(field, `${field} '${clip(text)}' is not a URL: give an absolute http(s) URL, like https://example.com/…`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw BlazwaError.input(field, `${field} '${clip(text)}' must start with http:// or https://`);
  }
  if (url.hostname === '') {
    throw BlazwaError.input(field, `${field} '${clip(text)}' has no host name`);
  }
  return text;
}

/** Text fields may arrive as numbers from a flow; anything else is a mistake worth naming. */
export function optionalText(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  throw BlazwaError.input(field, `${field} must be text, not ${Array.isArray(value) ? 'a list' : 'an object'}`);
}

export function isBlank(value: string | undefined): boolean {
  return value === undefined || value.trim() === '';
}

export interface MessageContent {
  message?: string;
  imageUrl?: string;
}

/** At least one of `message` / `imageUrl`, as the documents require; `imageUrl` absolute http(s). */
export function validateContent(input: { message?: unknown; imageUrl?: unknown }): MessageContent {
  const message = optionalText(input.message, 'message');
  const imageUrlText = optionalText(input.imageUrl, 'imageUrl');
  const content: MessageContent = {};
  if (!isBlank(imageUrlText)) content.imageUrl = validateHttpUrl(imageUrlText, 'imageUrl');
  if (!isBlank(message)) content.message = message;
  if (content.message === undefined && content.imageUrl === undefined) {
    throw BlazwaError.input('message', 'message is empty and there is no imageUrl: give a message text, an imageUrl, or both');
  }
  return content;
}

export function validateGroupName(value: unknown): string {
  const groupName = optionalText(value, 'groupName');
  if (groupName === undefined || isBlank(groupName)) {
    throw BlazwaError.input('groupName', 'groupName is empty: give the WhatsApp group name exactly as it is shown in WhatsApp');
  }
  return groupName.trim();
}

export function clip(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
