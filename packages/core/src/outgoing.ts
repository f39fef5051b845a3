import { BlazwaError } from './errors.js';
import { normalizePhoneNumber } from './phone.js';
import { validateContent, validateGroupName, type MessageContent } from './validation.js';

/** What a user gave to send: a number or a group, and a text, an image, or both. Checked by {@link prepareMessage}. */
export interface MessageInput {
  phoneNumber?: unknown;
  groupName?: unknown;
  message?: unknown;
  imageUrl?: unknown;
}

/** A message checked and normalized, ready for `BlazwaClient.send`, which sends it as it is. */
export type OutgoingMessage = Readonly<({ target: 'number'; phoneNumber: string } | { target: 'group'; groupName: string }) & MessageContent>;

export interface SendOptions {
  /**
   * Ask `check-number` first and send only to a number on WhatsApp; otherwise fail with an input error, nothing
   * sent. One more request per message; for a number only (a group is always on WhatsApp).
   */
  checkNumberFirst?: boolean;
}

/**
 * What {@link prepareTo} returns: frozen, and marked by a private field that no copy or look-alike object has. Not a
 * WeakSet of prepared messages: thousands wait in a queue at once, and each entry of one costs as much again as its
 * own fields (bench 8a).
 */
class Prepared {
  readonly #prepared = true;

  constructor(fields: OutgoingMessage) {
    Object.assign(this, fields);
    Object.freeze(this);
  }

  static has(value: object): boolean {
    return #prepared in value;
  }
}

/**
 * The one step from user input to a message: the phone number read strictly (or the group name trimmed), the
 * content checked. Every adapter calls it before a message waits its turn, so bad input fails at once.
 *
 * @throws {BlazwaError} kind `input`, naming the field to fix.
 */
export function prepareMessage(input: MessageInput): OutgoingMessage {
  if (isPrepared(input)) return input;
  const hasNumber = isGiven(input?.phoneNumber);
  const hasGroup = isGiven(input?.groupName);
  if (hasNumber && hasGroup) {
    throw BlazwaError.input('phoneNumber', 'Both a phone number and a group name were given: give one, to say where the message goes');
  }
  if (!hasNumber && !hasGroup) {
    throw BlazwaError.input('phoneNumber', 'No phone number and no group name: give the number (or the group) to send to');
  }
  return prepareTo(hasNumber ? 'number' : 'group', input);
}

/** {@link prepareMessage} for a target already chosen (a node set to "group", `sendGroupMessage`). */
export function prepareTo(target: OutgoingMessage['target'], input: MessageInput): OutgoingMessage {
  const fields: OutgoingMessage =
    target === 'number'
      ? { target, phoneNumber: normalizePhoneNumber(input?.phoneNumber as string), ...validateContent(input ?? {}) }
      : { target, groupName: validateGroupName(input?.groupName), ...validateContent(input ?? {}) };
  return new Prepared(fields) as unknown as OutgoingMessage;
}

/** True for what {@link prepareMessage} returned (by this copy of core). */
export function isPrepared(value: unknown): value is OutgoingMessage {
  return typeof value === 'object' && value !== null && Prepared.has(value);
}

function isGiven(value: unknown): boolean {
  return value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');
}
