import { isRecord } from './body.js';
import { BlazwaError } from './errors.js';
import { readInboundPhoneNumber } from './phone.js';

/** One incoming WhatsApp message, as the service POSTs it to the registered webhook. */
export interface InboundMessage {
  /** The text. Empty for a message without text (an image, a sticker). */
  message: string;
  /** The sender's number, its digits as the service wrote them (a leading `0` as `62`), e.g. `6281234567890`. */
  from: string;
  /**
   * The group the message was written in, when the delivery names one in `groupName` (the API's word for a group).
   * The documents show only `{ message, from }`: a private chat, or a service that does not say, has none.
   */
  groupName?: string;
  /** When we received it, as an ISO 8601 timestamp. */
  receivedAt: string;
  /** The body as delivered, extra fields included. */
  raw: Record<string, unknown>;
}

export interface ParseInboundOptions {
  /** Clock for `receivedAt`, in milliseconds since the epoch. Defaults to the system clock. */
  now?: () => number;
}

/**
 * Reads a webhook delivery `{ message, from }`: an object already parsed by a web framework, or the raw body as
 * JSON or `application/x-www-form-urlencoded` text. Throws a BlazwaError of kind `input` that says what is wrong.
 */
export function parseInboundMessage(body: unknown, options: ParseInboundOptions = {}): InboundMessage {
  const raw = toRecord(body);
  const from = raw.from;
  if (from === undefined || from === null || from === '') {
    throw BlazwaError.input('from', 'webhook body has no \'from\': expected { "message": "…", "from": "628…" }');
  }
  if (typeof from !== 'string' && typeof from !== 'number') {
    throw BlazwaError.input('from', "webhook body's 'from' must be a phone number");
  }
  const message = raw.message ?? '';
  if (typeof message !== 'string' && typeof message !== 'number') {
    throw BlazwaError.input('message', "webhook body's 'message' must be text");
  }
  const now = options.now ?? Date.now;
  // Anything but a name is left in raw: a delivery is never refused for a field the documents do not define.
  const groupName = typeof raw.groupName === 'string' ? raw.groupName.trim() : '';
  return {
    message: String(message),
    from: readInboundPhoneNumber(from, 'from'),
    ...(groupName ? { groupName } : {}),
    receivedAt: new Date(now()).toISOString(),
    raw,
  };
}

function toRecord(body: unknown): Record<string, unknown> {
  if (body instanceof Uint8Array) body = new TextDecoder('utf-8').decode(body);
  if (typeof body === 'string') {
    const text = body.trim();
    if (text === '') throw BlazwaError.input('body', 'webhook body is empty: expected { "message": "…", "from": "628…" }');
    if (text.startsWith('{') || text.startsWith('[')) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw BlazwaError.input('body', 'webhook body is not valid JSON: expected { "message": "…", "from": "628…" }');
      }
      return toRecord(parsed);
    }
    const record: Record<string, unknown> = {};
    new URLSearchParams(text).forEach((value, key) => {
      record[key] = value;
    });
    return record;
  }
  if (!isRecord(body)) {
    throw BlazwaError.input('body', 'webhook body must be an object like { "message": "…", "from": "628…" }');
  }
  return body;
}
