import { BlazwaError, prepareTo, type MessageInput, type OutgoingMessage } from '@blazwa/core';
import type { Node, NodeAPI, NodeDef, NodeMessage } from '../../lib/red.js';
import { isEmpty, settingReader, type SettingReader } from '../../lib/typed-input.js';
import { incomingChat, isEcho, replyRecipient, senderChat, type IncomingChat } from './reply.js';

export interface SendSettings {
  /** `sender`: the chat of the incoming message (`msg.from`, or its group). A node saved before "Send to" had it: `number`. */
  target: 'number' | 'group' | 'sender';
  phoneNumber: SettingReader;
  groupName: SettingReader;
  message: SettingReader;
  imageUrl: SettingReader;
  /** "Message" is set to `msg.payload` itself, which is the same as leaving it empty. */
  messageIsPayload: boolean;
}

/** The send node's settings, as the editor saved them. */
export function sendSettings(RED: NodeAPI, node: Node, def: NodeDef): SendSettings {
  const typed = (field: 'phoneNumber' | 'groupName' | 'message' | 'imageUrl'): SettingReader =>
    settingReader(RED, node, { value: def[field], type: String(def[`${field}Type`] ?? 'str') });
  return {
    target: def.target === 'group' || def.target === 'sender' ? def.target : 'number',
    phoneNumber: typed('phoneNumber'),
    groupName: typed('groupName'),
    message: typed('message'),
    imageUrl: typed('imageUrl'),
    messageIsPayload: def.messageType === 'msg' && typeof def.message === 'string' && def.message.trim() === 'payload',
  };
}

/** What this node sends: core's checked message, the same one n8n sends. */
export type SendRequest = OutgoingMessage;

type Field = 'phoneNumber' | 'groupName' | 'message' | 'imageUrl';

/**
 * What to send, each field from the first place that has it: the node's setting, then `msg.<field>`, then
 * `msg.payload.<field>` when the payload is an object; the message also from a text `msg.payload`.
 */
export async function resolveSendRequest(settings: SendSettings, msg: NodeMessage): Promise<OutgoingMessage> {
  const payload = isPlainObject(msg.payload) ? msg.payload : undefined;
  const recipient: Field | undefined = settings.target === 'group' ? 'groupName' : settings.target === 'number' ? 'phoneNumber' : undefined;
  const fields = [recipient, 'message', 'imageUrl'] as const;
  // Only a setting Node-RED answers later (JSONata, an asynchronous context store) costs a wait: this runs per msg.
  const read = fields.map((field) => (field ? fromSetting(settings, field, msg) : undefined));
  const [fromRecipient, fromMessage, fromImageUrl] = read.some((value) => value instanceof Promise) ? await Promise.all(read) : read;
  const pick = (field: Field, value: unknown): unknown => {
    if (!isEmpty(value)) return value;
    if (!isEmpty(msg[field])) return msg[field];
    if (payload && !isEmpty(payload[field])) return payload[field];
    return undefined;
  };

  const request: MessageInput & { message?: string; imageUrl?: string } = {};
  const incoming = incomingChat(msg);
  if (settings.target === 'sender') {
    const chat = incoming ?? senderChat(msg);
    if (!chat) {
      throw BlazwaError.input(
        'phoneNumber',
        'No sender to reply to: "Send to" is "the sender of the incoming message", but this msg has no msg.from; wire this node after a WA receive node',
      );
    }
    Object.assign(request, replyRecipient(chat));
  } else if (recipient === 'groupName') {
    const groupName = pick('groupName', fromRecipient);
    if (groupName === undefined) {
      throw BlazwaError.input('groupName', 'No group name: set "Group" in the node, or give msg.groupName');
    }
    request.groupName = text(groupName, 'groupName');
  } else {
    const phoneNumber = pick('phoneNumber', fromRecipient);
    // Wired straight from a WA receive node with no number anywhere: a reply, as "Send to: the sender" would send.
    if (phoneNumber === undefined && incoming) Object.assign(request, replyRecipient(incoming));
    else if (phoneNumber === undefined) {
      throw BlazwaError.input(
        'phoneNumber',
        'No phone number: set "Phone number" in the node, give msg.phoneNumber, or wire this node after a WA receive node to reply to the sender',
      );
    } else request.phoneNumber = typeof phoneNumber === 'number' ? phoneNumber : text(phoneNumber, 'phoneNumber');
  }
  let message = pick('message', fromMessage);
  // "Message" set to msg.payload reads the same text as leaving it empty.
  let fromPayload = settings.messageIsPayload && !isEmpty(fromMessage);
  if (message === undefined && (typeof msg.payload === 'string' || typeof msg.payload === 'number') && !isEmpty(msg.payload)) {
    message = msg.payload;
    fromPayload = true;
  }
  if (message !== undefined) request.message = text(message, 'message');
  const imageUrl = pick('imageUrl', fromImageUrl);
  if (imageUrl !== undefined) request.imageUrl = text(imageUrl, 'imageUrl');
  // Checked before queueing, so a bad input fails at once instead of after its turn in the account's queue.
  const prepared = prepareTo(request.groupName !== undefined ? 'group' : 'number', request);
  if (fromPayload && incoming && isEcho(prepared, request.message!, incoming)) throw echoRefused(incoming);
  return prepared;
}

function echoRefused(chat: IncomingChat): BlazwaError {
  return BlazwaError.input(
    'message',
    `Not sent: the reply would be the incoming message itself, back to ${chat.groupName === undefined ? 'its sender' : 'its group'}. Set "Message" in the node to the reply text (or give msg.message)`,
  );
}

/**
 * The node's own setting for `field`. A setting that cannot be read is a rejection naming it, never a throw: another
 * setting's promise may be pending, and `Promise.all` must see both.
 */
function fromSetting(settings: SendSettings, field: Field, msg: NodeMessage): unknown {
  const unreadable = (error: unknown): BlazwaError =>
    BlazwaError.input(field, `${field} could not be read from the node's setting: ${reason(error)}`);
  let value: unknown;
  try {
    value = settings[field](msg);
  } catch (error) {
    return Promise.reject(unreadable(error));
  }
  return value instanceof Promise
    ? value.catch((error: unknown) => {
        throw unreadable(error);
      })
    : value;
}

/** JSONata fails with a plain object that has a `message`, not an Error. */
function reason(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}

function text(value: unknown, field: Field): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw BlazwaError.input(
    field,
    `${field} must be text, not ${Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : typeof value}`,
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}
