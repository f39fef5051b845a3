import { isBlazwaError, servicePhoneRule, validateContent, validateGroupName, validateHttpUrl } from '@blazwa/core';
import { CODES, invalid, ok, refused, type Answer } from './answers.js';
import { qrPng } from './qr.js';
import type { Store } from './state.js';
import type { ApiOperation } from './types.js';

/** What a handler gets: the parsed body (form or JSON), the query and the path parameters. */
export interface ApiInput {
  body: unknown;
  query: Record<string, unknown>;
  params: Record<string, string>;
}

type Handler = (store: Store, input: ApiInput) => Answer | Promise<Answer>;

const NOT_CONNECTED = 'WhatsApp is not connected: scan the QR code (login-qr) with the phone first';

export const HANDLERS: Record<ApiOperation, Handler> = {
  restart(store) {
    if (store.restartUnpairs) store.unpair();
    if (store.paired) return ok({ message: 'Service restarted and ready', status: 'ready', code: null });
    return ok({ message: 'Service restarted: scan the QR code to log in', status: 'qr', code: null });
  },

  status(store) {
    const message = store.paired ? 'WhatsApp is connected' : 'Waiting for the QR code to be scanned';
    return ok({ message, status: store.status, code: null });
  },

  async 'login-qr'(store, input) {
    const fields = fieldsOf(input.body);
    if (!fields) return notAnObject();
    const given = fields.responseAs ?? input.query.responseAs;
    const responseAs = given === undefined || given === '' ? 'image' : given;
    if (responseAs !== 'image' && responseAs !== 'string') {
      return invalid([`responseAs '${String(responseAs)}' is not allowed: use image or string`]);
    }
    if (store.paired) return refused('WhatsApp is already connected: there is no QR code to scan', CODES.alreadyConnected);
    const message = 'Scan the QR code with WhatsApp on the phone';
    if (store.qrAs === 'text') return ok({ message, qr_string: store.qrText, code: null });
    const png = await qrPng(store.qrText);
    if (responseAs === 'image' && store.qrAs === 'image') return { status: 200, body: png, headers: { 'content-type': 'image/png' } };
    return ok({ message, qr_string: png.toString('base64'), code: null });
  },

  'check-number'(store, input) {
    const phoneNumber = phoneOf(input.params.phoneNumber);
    if (typeof phoneNumber !== 'string') return invalid([phoneNumber.error]);
    const registered = store.directory.isRegistered(phoneNumber);
    const message = registered ? `${phoneNumber} is on WhatsApp` : `${phoneNumber} is not on WhatsApp`;
    return ok({ message, is_registered: registered, code: null });
  },

  message(store, input) {
    const fields = fieldsOf(input.body);
    if (!fields) return notAnObject();
    const errors: string[] = [];
    const phoneNumber = fields.phoneNumber === undefined ? { error: 'phoneNumber is required' } : phoneOf(fields.phoneNumber);
    if (typeof phoneNumber !== 'string') errors.push(phoneNumber.error);
    const content = contentOf(fields, errors);
    if (errors.length > 0 || typeof phoneNumber !== 'string' || !content) return invalid(errors);
    if (!store.directory.isRegistered(phoneNumber)) return invalid([`phoneNumber ${phoneNumber} is not on WhatsApp`]);
    if (!store.paired) return refused(NOT_CONNECTED, CODES.notConnected);
    const sent = store.record({ kind: 'number', to: phoneNumber, body: content.message ?? '', media_url: content.imageUrl ?? null });
    return sentAnswer(store, sent);
  },

  'message-group'(store, input) {
    const fields = fieldsOf(input.body);
    if (!fields) return notAnObject();
    const errors: string[] = [];
    let groupName: string | undefined;
    try {
      const given = validateGroupName(fields.groupName);
      groupName = store.findGroup(given);
      if (!groupName) errors.push(`groupName '${given}' is not a group of this WhatsApp account (groups: ${store.groups.join(', ')})`);
    } catch (error) {
      errors.push(messageOf(error));
    }
    const content = contentOf(fields, errors);
    if (errors.length > 0 || !groupName || !content) return invalid(errors);
    if (!store.paired) return refused(NOT_CONNECTED, CODES.notConnected);
    const sent = store.record({ kind: 'group', to: groupName, groupName, body: content.message ?? '', media_url: content.imageUrl ?? null });
    return sentAnswer(store, sent);
  },

  webhook(store, input) {
    const fields = fieldsOf(input.body);
    if (!fields) return notAnObject();
    try {
      store.setWebhook(validateHttpUrl(fields.webhook, 'webhook'));
    } catch (error) {
      return invalid([messageOf(error)]);
    }
    return ok({ message: 'Webhook saved', code: CODES.sent });
  },

  'webhook/reset'(store) {
    store.setWebhook(null);
    return ok({ message: 'Webhook removed', status: store.status, code: CODES.sent });
  },
};

function sentAnswer(store: Store, sent: { id: string; to: string; body: string; media_url: string | null; created_at: string }): Answer {
  const { id, body, to, media_url, created_at } = sent;
  return ok({ message: 'Message sent', result: { id, body, from: store.deviceNumber, to, media_url, created_at }, code: CODES.sent });
}

/** The body as fields; a missing body is no fields. `undefined` when it is JSON but not an object. */
function fieldsOf(body: unknown): Record<string, unknown> | undefined {
  if (body === undefined || body === null) return {};
  if (typeof body === 'object' && !Array.isArray(body) && !Buffer.isBuffer(body)) return body as Record<string, unknown>;
  return undefined;
}

function notAnObject(): Answer {
  return invalid(['body must be an object of fields, like {"phoneNumber": "0812…", "message": "…"}']);
}

function phoneOf(value: unknown): string | { error: string } {
  try {
    return servicePhoneRule(value as string);
  } catch (error) {
    return { error: messageOf(error) };
  }
}

function contentOf(fields: Record<string, unknown>, errors: string[]): { message?: string; imageUrl?: string } | undefined {
  try {
    return validateContent(fields);
  } catch (error) {
    errors.push(messageOf(error));
    return undefined;
  }
}

function messageOf(error: unknown): string {
  if (isBlazwaError(error) || error instanceof Error) return error.message;
  return String(error);
}
