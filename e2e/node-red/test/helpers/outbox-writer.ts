// A child process that works an account's outbox as the send node's queue does, printing each step once it is
// written, until the test kills it (kill -9) at a random moment. Run by Node itself (type stripping): no build step.
import { writeSync } from 'node:fs';

import { Outbox } from '../../../../packages/node-red-contrib-blazwa/src/lib/outbox.ts';

const [dir, identity, seedText, fromText] = process.argv.slice(2) as [string, string, string, string];
let seed = Number(seedText) >>> 0;
/** mulberry32: the same steps for the same seed. */
function random(): number {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const ack = (line: string): void => {
  writeSync(1, `${line}\n`);
};

const { outbox, recovered } = Outbox.open(dir, identity);
// Reported after a restart, then done: never sent.
for (const message of recovered.maybeSent) {
  outbox.done(message.seq);
  ack(`D ${message.seq}`);
}
const waiting = recovered.waiting.map((message) => ({ seq: message.seq, nodeId: message.nodeId, request: message.request, msg: message.msg }));
// Above every number used before, even in a log that has since been emptied: the test tracks numbers over all rounds.
let next = Math.max(Number(fromText) - 1, ...recovered.waiting.map((m) => m.seq), ...recovered.maybeSent.map((m) => m.seq)) + 1;
ack('READY');

for (;;) {
  const roll = random();
  if (roll < 0.45 || waiting.length === 0) {
    // Sizes up to a few kilobytes, so a kill can land inside one record's write.
    const msg = { _msgid: `id-${next}`, payload: 'x'.repeat(Math.floor(random() * 4000)), topic: 'kill test' };
    const message = { seq: next++, nodeId: 'send', request: { phoneNumber: '6281234567890', message: msg.payload }, msg };
    outbox.queued(message, JSON.stringify(msg));
    waiting.push(message);
    ack(`Q ${message.seq}`);
  } else if (roll < 0.9) {
    const message = waiting.shift()!;
    // Flushed or not (the pace decides), a record written is in the kernel: no kill can lose it. Both are tried.
    await outbox.started(message.seq, message.seq % 2 === 0);
    ack(`S ${message.seq}`);
    outbox.done(message.seq);
    ack(`D ${message.seq}`);
  } else if (roll < 0.97) {
    outbox.compact(waiting.map((message) => ({ ...message, msgJson: JSON.stringify(message.msg) })));
    ack('C');
  } else {
    // The queue running dry: everything sent, the file emptied in place.
    while (waiting.length > 0) {
      const message = waiting.shift()!;
      await outbox.started(message.seq, message.seq % 2 === 0);
      ack(`S ${message.seq}`);
      outbox.done(message.seq);
      ack(`D ${message.seq}`);
    }
    outbox.empty();
    ack('E');
  }
}
