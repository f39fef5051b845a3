import { BlazwaError, normalizePhoneNumber, validateContent, validateGroupName } from '@blazwa/core';
import type { Node, NodeAPI, NodeMessage } from '../../lib/red.js';
import { evaluate, isEmpty, type TypedSetting } from '../../lib/typed-input.js';

export interface SendSettings {
  target: 'number' | 'group';
  phoneNumber: TypedSetting;
  groupName: TypedSetting;
  message: TypedSetting;
  imageUrl: TypedSetting;
}

export interface SendRequest {
  phoneNumber?: string | number;
  groupName?: string;
  message?: string;
  imageUrl?: string;
}

type Field = 'phoneNumber' | 'groupName' | 'message' | 'imageUrl';

/**
 * What to send, each field from the first place that has it: the node's setting, then `msg.<field>`, then
 * `msg.payload.<field>` when the payload is an object; the message also from a text `msg.payload`.
 */
export async function resolveSendRequest(RED: NodeAPI, node: Node, settings: SendSettings, msg: NodeMessage): Promise<SendRequest> {
  const payload = isPlainObject(msg.payload) ? msg.payload : undefined;
  const pick = async (field: Field): Promise<unknown> => {
    let value: unknown;
    try {
      value = await evaluate(RED, node, settings[field], msg);
    } catch (error) {
      throw BlazwaError.input(field, `${field} could not be read from the node's setting: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!isEmpty(value)) return value;
    if (!isEmpty(msg[field])) return msg[field];
    if (payload && !isEmpty(payload[field])) return payload[field];
    return undefined;
  };

  const request: SendRequest = {};
  if (settings.target === 'group') {
    const groupName = await pick('groupName');
    if (groupName === undefined) {
      throw BlazwaError.input('groupName', 'No group name: set "Group" in the node, or give msg.groupName');
    }
    request.groupName = text(groupName, 'groupName');
  } else {
    const phoneNumber = await pick('phoneNumber');
    if (phoneNumber === undefined) {
      throw BlazwaError.input('phoneNumber', 'No phone number: set "Phone number" in the node, or give msg.phoneNumber');
    }
    request.phoneNumber = typeof phoneNumber === 'number' ? phoneNumber : text(phoneNumber, 'phoneNumber');
  }
  let message = await pick('message');
  if (message === undefined && (typeof msg.payload === 'string' || typeof msg.payload === 'number') && !isEmpty(msg.payload)) {
    message = msg.payload;
  }
  if (message !== undefined) request.message = text(message, 'message');
  const imageUrl = await pick('imageUrl');
  if (imageUrl !== undefined) request.imageUrl = text(imageUrl, 'imageUrl');
  // Checked before queueing, so a bad input fails at once instead of after its turn in the account's queue.
  if (request.groupName !== undefined) request.groupName = validateGroupName(request.groupName);
  if (request.phoneNumber !== undefined) request.phoneNumber = normalizePhoneNumber(request.phoneNumber);
  validateContent(request);
  return request;
}

function text(value: unknown, field: Field): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw BlazwaError.input(field, `${field} must be text, not ${Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : typeof value}`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}
