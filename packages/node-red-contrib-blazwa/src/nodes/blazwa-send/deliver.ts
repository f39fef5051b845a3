import type { SentMessage } from '@blazwa/core';
import type { Account } from '../../lib/account.js';
import type { SendRequest } from './request.js';

/** One message, sent with the account's client; with `checkFirst`, only to a number that is on WhatsApp. */
export async function deliver(account: Account, request: SendRequest, checkFirst: boolean): Promise<SentMessage> {
  return await account.withClient((client) => client.send(request, { checkNumberFirst: checkFirst }));
}
