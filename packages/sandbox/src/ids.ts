import { randomFillSync } from 'node:crypto';

// Random bytes fetched a few hundred ids at a time: a call into the crypto library per id was the largest cost of
// the sandbox's own code on a send.
const pool = Buffer.alloc(4000);
let offset = pool.length;

/** A message id in WhatsApp's style (`3EB0…`, upper-case hex), unique per sandbox run. */
export function newMessageId(): string {
  if (offset + 10 > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const id = pool.toString('hex', offset, offset + 10).toUpperCase();
  offset += 10;
  return `3EB0${id}`;
}
