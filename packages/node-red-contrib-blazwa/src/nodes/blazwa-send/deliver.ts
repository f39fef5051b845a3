import { BlazwaError, isBlazwaError, type SentMessage } from '@blazwa/core';
import type { Account } from '../../lib/account.js';
import type { SendRequest } from './request.js';

/** One message, sent with the account's client; with `checkFirst`, only to a number that is on WhatsApp. */
export async function deliver(account: Account, request: SendRequest, checkFirst: boolean): Promise<SentMessage> {
  const { groupName, phoneNumber, message, imageUrl } = request;
  if (groupName !== undefined) {
    return (await account.call((client) => client.sendGroupMessage({ groupName, message, imageUrl }).catch(unanswered))).result;
  }
  if (phoneNumber === undefined) throw BlazwaError.input('phoneNumber', 'No phone number: set "Phone number" in the node, or give msg.phoneNumber');
  if (checkFirst) {
    const check = await account.call((client) => client.checkNumber(phoneNumber));
    if (!check.isRegistered) {
      throw BlazwaError.input('phoneNumber', `phone number ${check.phoneNumber} is not on WhatsApp: check the number (nothing was sent)`);
    }
  }
  return (await account.call((client) => client.sendMessage({ phoneNumber, message, imageUrl }).catch(unanswered))).result;
}

/**
 * A send that got no answer (our timeout, a connection closed mid-request) may have been delivered: core never
 * resends it, and the flow author must know before sending it again from the Catch node.
 */
function unanswered(error: unknown): never {
  const unknownOutcome =
    isBlazwaError(error) && ((error.kind === 'timeout' && error.status === undefined) || (error.kind === 'network' && error.requestSent !== false));
  if (!unknownOutcome) throw error;
  throw new BlazwaError({
    kind: error.kind,
    message: `${error.message}. The message may have been sent: check the chat before sending it again`,
    retryable: error.retryable,
    ...(error.requestSent === undefined ? {} : { requestSent: error.requestSent }),
    ...(error.operation === undefined ? {} : { operation: error.operation }),
    cause: error.cause,
  });
}
