import { normalizePhoneNumber, type OutgoingMessage } from '@blazwa/core';
import type { NodeMessage } from '../../lib/red.js';

/** The chat an incoming message came from, as a WA receive node put it on the msg. */
export interface IncomingChat {
  /** `msg.from`: who wrote. */
  from: string;
  /** `msg.blazwa.groupName`: the group it was written in, when the delivery named one. */
  groupName?: string;
  /** The text as delivered (`msg.blazwa.raw.message`), to tell the trigger's own payload from a reply. */
  text?: string;
}

/**
 * The chat of a msg a WA receive node made: `msg.from` together with `msg.blazwa.receivedAt`. Plain, visible fields
 * rather than a hidden marker: a debug node shows why a reply goes where it goes, and Node-RED's copy of a msg for a
 * second wire keeps them (a non-enumerable property would be lost there). A `from` of another node (e-mail, SMS)
 * has no `msg.blazwa`, so it is never taken for a WhatsApp sender by accident.
 */
export function incomingChat(msg: NodeMessage): IncomingChat | undefined {
  const blazwa = msg.blazwa as Record<string, unknown> | undefined;
  if (typeof blazwa !== 'object' || blazwa === null || typeof blazwa.receivedAt !== 'string') return undefined;
  return chatOf(msg, blazwa);
}

/** For "Send to: the sender": the user chose to reply, so `msg.from` alone is enough. */
export function senderChat(msg: NodeMessage): IncomingChat | undefined {
  const blazwa = typeof msg.blazwa === 'object' && msg.blazwa !== null ? (msg.blazwa as Record<string, unknown>) : {};
  return chatOf(msg, blazwa);
}

function chatOf(msg: NodeMessage, blazwa: Record<string, unknown>): IncomingChat | undefined {
  const from = msg.from;
  if ((typeof from !== 'string' || from.trim() === '') && typeof from !== 'number') return undefined;
  const chat: IncomingChat = { from: String(from) };
  if (typeof blazwa.groupName === 'string' && blazwa.groupName.trim() !== '') chat.groupName = blazwa.groupName;
  const raw = blazwa.raw as Record<string, unknown> | undefined;
  if (typeof raw === 'object' && raw !== null) {
    const text = raw.message;
    chat.text = typeof text === 'string' || typeof text === 'number' ? String(text) : '';
  }
  return chat;
}

/** Where a reply to `chat` goes: back to its group when it was written in one, otherwise to the person. */
export function replyRecipient(chat: IncomingChat): { groupName: string } | { phoneNumber: string } {
  return chat.groupName !== undefined ? { groupName: chat.groupName } : { phoneNumber: chat.from };
}

/**
 * True when `text` is the incoming text going back, without an image, to the chat it came from (its group, or
 * the person who wrote it): the trigger's own `msg.payload` sent as the reply. Forwarding it elsewhere is not.
 */
export function isEcho(request: OutgoingMessage, text: string, chat: IncomingChat): boolean {
  if (chat.text === undefined || text !== chat.text || request.imageUrl !== undefined) return false;
  if (request.target === 'group') {
    return chat.groupName !== undefined && request.groupName.trim().toLowerCase() === chat.groupName.trim().toLowerCase();
  }
  try {
    return request.phoneNumber === normalizePhoneNumber(chat.from, 'from');
  } catch {
    return false;
  }
}
