import { randomBytes } from 'node:crypto';

/** A message id in WhatsApp's style (`3EB0…`, upper-case hex), unique per sandbox run. */
export function newMessageId(): string {
  return `3EB0${randomBytes(10).toString('hex').toUpperCase()}`;
}
