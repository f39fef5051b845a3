import { BlazwaError } from '@blazwa/core';
import type { Account } from '../../lib/account.js';
import { fetchLoginQr, formatQr, type QrFormat } from '../../lib/qr.js';
import type { NodeMessage } from '../../lib/red.js';
import { isEmpty } from '../../lib/typed-input.js';
import { forgetAccountWebhook } from '../../lib/webhooks.js';

export const ACTIONS = ['status', 'restart', 'qr', 'check-number', 'set-webhook', 'reset-webhook'] as const;
export type Action = (typeof ACTIONS)[number];

/** One action, one core call: the new `msg.payload`. */
export async function runAction(account: Account, accountId: string, action: Action, msg: NodeMessage, qrFormat: QrFormat): Promise<unknown> {
  switch (action) {
    case 'status':
      return account.withClient((client) => client.status());
    case 'restart':
      return account.withClient((client) => client.restart());
    case 'qr':
      return formatQr(await account.withClient(fetchLoginQr), qrFormat);
    case 'check-number': {
      const phoneNumber = firstGiven(msg.phoneNumber, msg.payload);
      if (phoneNumber === undefined) {
        throw BlazwaError.input('phoneNumber', 'No phone number to check: give it in msg.phoneNumber or msg.payload');
      }
      const result = await account.withClient((client) => client.checkNumber(phoneNumber as string));
      return { phoneNumber: result.phoneNumber, isRegistered: result.isRegistered };
    }
    case 'set-webhook': {
      const webhook = firstGiven(msg.webhook, msg.payload);
      if (typeof webhook !== 'string') {
        throw BlazwaError.input('webhook', 'No webhook URL: give it as text in msg.webhook or msg.payload, like https://example.com/blazwa/…');
      }
      const result = await account.withClient((client) => client.setWebhook(webhook));
      // A trigger node deleted later must not reset the webhook set here.
      forgetAccountWebhook(accountId);
      return { ...result, webhook: webhook.trim() };
    }
    case 'reset-webhook': {
      const result = await account.withClient((client) => client.resetWebhook());
      forgetAccountWebhook(accountId);
      return result;
    }
  }
}

function firstGiven(...values: unknown[]): unknown {
  return values.find((value) => !isEmpty(value) && (typeof value === 'string' || typeof value === 'number'));
}
