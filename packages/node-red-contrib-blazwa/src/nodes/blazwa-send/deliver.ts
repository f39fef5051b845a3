import { BlazwaError, type SentMessage } from '@blazwa/core';
import type { Account } from '../../lib/account.js';
import type { SendRequest } from './request.js';

/** One message, sent with the account's client; with `checkFirst`, only to a number that is on WhatsApp. */
export async function deliver(account: Account, request: SendRequest, checkFirst: boolean): Promise<SentMessage> {
  const { groupName, phoneNumber, message, imageUrl } = request;
  if (groupName !== undefined) {
    return (await account.call((client) => client.sendGroupMessage({ groupName, message, imageUrl }))).result;
  }
  if (phoneNumber === undefined) throw BlazwaError.input('phoneNumber', 'No phone number: set "Phone number" in the node, or give msg.phoneNumber');
  if (checkFirst) {
    const check = await account.call((client) => client.checkNumber(phoneNumber));
    if (!check.isRegistered) {
      throw BlazwaError.input('phoneNumber', `phone number ${check.phoneNumber} is not on WhatsApp: check the number (nothing was sent)`);
    }
  }
  return (await account.call((client) => client.sendMessage({ phoneNumber, message, imageUrl }))).result;
}
