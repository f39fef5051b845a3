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
  // `\S` is every character `trim()` keeps, and a test stops at the first: no trimmed copy of a long message.
  return value === undefined || !NOT_BLANK.test(value);
}

const NOT_BLANK = /\S/;

/** WhatsApp's limit on one text message, in characters. */
export const MAX_MESSAGE_LENGTH = 65_536;
/** Longer than any WhatsApp group name (WhatsApp allows 100 characters); stops a runaway value early. */
const MAX_GROUP_NAME_LENGTH = 256;
const MAX_URL_LENGTH = 8_192;

/** Characters as a person counts them (an emoji is one), not UTF-16 units. */
function characters(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

function tooLong(field: string, text: string, max: number, what: string): BlazwaError | undefined {
  // .length counts UTF-16 units, never fewer than characters: only a long text needs counting.
  if (text.length <= max) return undefined;
  const length = characters(text);
  if (length <= max) return undefined;
  return BlazwaError.input(field, `${field} is ${length.toLocaleString('en-US')} characters long: ${what} (at most ${max.toLocaleString('en-US')})`);
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
  if (!isBlank(imageUrlText)) {
    const urlTooLong = tooLong('imageUrl', imageUrlText!, MAX_URL_LENGTH, 'give a shorter link to the image');
    if (urlTooLong) throw urlTooLong;
    content.imageUrl = validateHttpUrl(imageUrlText, 'imageUrl');
  }
  if (!isBlank(message)) {
    const messageTooLong = tooLong('message', message!, MAX_MESSAGE_LENGTH, 'WhatsApp takes shorter messages; split it into several');
    if (messageTooLong) throw messageTooLong;
    content.message = message;
  }
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
  const trimmed = groupName.trim();
  const nameTooLong = tooLong(
    'groupName',
    trimmed,
    MAX_GROUP_NAME_LENGTH,
    'no WhatsApp group has a name this long; give the name as WhatsApp shows it',
  );
  if (nameTooLong) throw nameTooLong;
  return trimmed;
}

export function clip(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
