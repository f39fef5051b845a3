// Bench 4's measured process (forked with --expose-gc by memory.ts): a Node-RED with one send node, and nothing
// else. The sandbox runs in another process, so its outbox is not in these figures.
import { setTimeout as delay } from 'node:timers/promises';
import { getHeapSpaceStatistics } from 'node:v8';
import { drivePath } from './drive.ts';
import { accountNode, sendPath } from './flows.ts';
import { sharedNodeRed, stopSharedNodeRed } from './node-red.ts';
import { sandboxControl } from './sandbox-process.ts';

export interface Memory extends NodeJS.MemoryUsage {
  /** Bytes V8 holds for its young generation: sized by V8 to the allocation rate, and in RSS even when empty. */
  newSpace: number;
}

export interface MemoryReport {
  before: Memory;
  after: Memory;
  sent: number;
  failures: number;
  firstFailure?: string;
  /** Sends that succeeded but are not in the outbox once, summed over the batches. */
  outboxMismatch: number;
}

const { url, apiKey, count, batch, warmup } = JSON.parse(process.argv[2]!) as {
  url: string;
  apiKey: string;
  count: number;
  batch: number;
  warmup: number;
};
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

const sandbox = sandboxControl(url);
const nodeRed = await sharedNodeRed();
const send = sendPath('b4-send', 'b4-account');
await nodeRed.deploy([accountNode('b4-account', { url, apiKey }, 0), ...send.flows]);
const path = drivePath(nodeRed, send.path);
const msg = (i: number) => ({ phoneNumber: '6281234567890', payload: `Pesanan #${i} sudah dibayar. Terima kasih!` });

let failures = 0;
let firstFailure: string | undefined;
let outboxMismatch = 0;
const sendBatch = async (size: number): Promise<void> => {
  const run = await path.run(size, 16, msg);
  failures += run.failures;
  firstFailure ??= run.firstFailure;
  outboxMismatch += Math.abs((await sandbox.outbox()).length - (size - run.failures));
  await sandbox.reset();
};

/** Memory once garbage collection has nothing left to take: several full GCs, with turns of the event loop between. */
const settled = async (): Promise<Memory> => {
  for (let i = 0; i < 4; i++) {
    gc();
    await delay(50);
  }
  const newSpace = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;
  return { ...process.memoryUsage(), newSpace };
};

// Warm-up first: the first sends load code, open connections and fill caches, which is not growth.
await sendBatch(warmup);
failures = 0;
firstFailure = undefined;
outboxMismatch = 0;
const before = await settled();
let sent = 0;
while (sent < count) {
  const size = Math.min(batch, count - sent);
  await sendBatch(size);
  sent += size;
}
const after = await settled();
const report: MemoryReport = { before, after, sent, failures, outboxMismatch, ...(firstFailure ? { firstFailure } : {}) };
process.send!(report);
await stopSharedNodeRed();
process.disconnect();
