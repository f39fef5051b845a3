// Bench 8: the send node's queue against the core delay node's (rate-limit mode), in the same embedded Node-RED:
// memory per waiting msg, how long emptying a queue takes at two sizes (linear or not), status events per second during a burst, and
// what the durable outbox costs (throughput with it on ÷ off, one msg in flight).
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { drivePath } from './drive.ts';
import { accountNode, sendPath } from './flows.ts';
import { sharedNodeRed } from './node-red.ts';
import { median } from './paired-rounds.ts';
import { goal, type Figure } from './report.ts';
import { startSandboxProcess } from './sandbox-process.ts';

const require = createRequire(import.meta.url);
const { events } = createRequire(require.resolve('node-red'))('@node-red/util') as {
  events: { on(name: string, listener: (event: { id: string }) => void): void; off(name: string, listener: (event: { id: string }) => void): void };
};

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const settle = async (): Promise<number> => {
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
  return process.memoryUsage().heapUsed;
};

const msg = (i: number) => ({ phoneNumber: '6281234567890', payload: `Pesanan #${i} sudah dibayar. Terima kasih!` });

export async function benchQueue(waiting: number, sends: number): Promise<Figure[]> {
  const sandbox = await startSandboxProcess({ paired: true, apiKeys: ['bench-durable', 'bench-memory', 'bench-hour'] });
  try {
    const nodeRed = await sharedNodeRed();
    // An hour between sends: after the first, everything waits, in both queues.
    const held = sendPath('b7-held', 'b7-hour');
    const delay = {
      id: 'b7-delay',
      z: 'b7-held-tab',
      type: 'delay',
      pauseType: 'rate',
      rate: '1',
      nbRateUnits: '1',
      rateUnits: 'hour',
      drop: false,
      wires: [[]],
    };
    const durable = sendPath('b7-on', 'b7-durable');
    const memoryOnly = sendPath('b7-off', 'b7-memory');
    const flows = [
      { ...accountNode('b7-hour', { url: sandbox.url, apiKey: 'bench-hour' }, 3600), keepWaiting: false, maxWaiting: 1_000_000 },
      { ...accountNode('b7-durable', { url: sandbox.url, apiKey: 'bench-durable' }, 0), keepWaiting: true },
      { ...accountNode('b7-memory', { url: sandbox.url, apiKey: 'bench-memory' }, 0), keepWaiting: false },
      ...held.flows,
      delay,
      ...durable.flows,
      ...memoryOnly.flows,
    ];
    await nodeRed.deploy(flows);

    // Memory: the same msgs into each queue, heap after GC before and after; then emptied with msg.reset. Node-RED
    // hands each msg over on a later turn: the send node's queue (in this process) says when all are in, and the
    // delay node gets as long again.
    const registry = (globalThis as Record<symbol, { queues: Map<string, { waitingFor(id: string): number }> } | undefined>)[
      Symbol.for('node-red-contrib-blazwa.account-queues')
    ];
    const waitingIn = (nodeId: string): number => Math.max(0, ...[...(registry?.queues.values() ?? [])].map((queue) => queue.waitingFor(nodeId)));
    let settleMs = 200;
    const perMsg = async (nodeId: string, count: number): Promise<{ bytes: number; resetMs: number }> => {
      const before = await settle();
      const handed = performance.now();
      for (let i = 0; i < count; i++) nodeRed.inject(nodeId, msg(i));
      if (nodeId === 'b7-held-send') {
        while (waitingIn(nodeId) < count - 1) await new Promise((resolve) => setTimeout(resolve, 10));
        settleMs = Math.max(settleMs, 2 * (performance.now() - handed));
      } else await new Promise((resolve) => setTimeout(resolve, settleMs));
      const after = await settle();
      const start = performance.now();
      nodeRed.inject(nodeId, { reset: true });
      await new Promise((resolve) => setImmediate(resolve));
      const resetMs = performance.now() - start;
      await settle();
      return { bytes: (after - before) / count, resetMs };
    };
    await perMsg('b7-held-send', 1000);
    await perMsg('b7-delay', 1000);
    const delayMemory = await perMsg('b7-delay', waiting);
    // The half size before and after the full one, so neither inherits all of the other's garbage.
    const halfBefore = await perMsg('b7-held-send', waiting / 2);
    const sendMemory = await perMsg('b7-held-send', waiting);
    const halfAfter = await perMsg('b7-held-send', waiting / 2);
    const sendHalf = { resetMs: (halfBefore.resetMs + halfAfter.resetMs) / 2 };

    // Closing: a deploy that removes the send node reports each waiting msg (a log line with its _msgid). The time of
    // that deploy, less the same deploy with nothing waiting, at two sizes; the half size first, as in 8d.
    const withoutHeld = flows.filter((node) => (node as { id?: string }).id !== 'b7-held-send');
    const closeMs = async (count: number): Promise<number> => {
      for (let i = 0; i < count; i++) nodeRed.inject('b7-held-send', msg(i));
      while (waitingIn('b7-held-send') < count - 1) await new Promise((resolve) => setTimeout(resolve, 10));
      await settle();
      const start = performance.now();
      await nodeRed.deploy(withoutHeld);
      await new Promise((resolve) => setImmediate(resolve));
      const ms = performance.now() - start;
      await nodeRed.deploy(flows);
      await settle();
      return ms;
    };
    // The least of three: a busy machine only ever adds to a deploy's fixed cost.
    const closeEmpty = Math.min(await closeMs(0), await closeMs(0), await closeMs(0));
    // Each size twice, alternating, and the least of each: a shared machine's noise only ever adds.
    const closes = { half: [] as number[], full: [] as number[] };
    for (let round = 0; round < 2; round++) {
      closes.half.push(await closeMs(waiting / 2));
      closes.full.push(await closeMs(waiting));
    }
    const closeHalf = Math.min(...closes.half);
    const closeFull = Math.min(...closes.full);

    // Status events of one node during a burst through an account with no interval.
    let statuses = 0;
    const count = (event: { id: string }): void => {
      if (event.id === 'b7-off-send') statuses++;
    };
    const off = drivePath(nodeRed, memoryOnly.path);
    const on = drivePath(nodeRed, durable.path);
    await off.run(200, 1, msg);
    await on.run(200, 1, msg);
    events.on('node-status', count);
    const burst = await off.run(sends, sends, msg);
    events.off('node-status', count);
    // As the delay node: the first status at once, then at most one every 500 ms.
    const perSecond = (statuses - 1) / (burst.ms / 1000);

    // Outbox on ÷ off, one in flight, alternating rounds; the figure is the median of the rounds' ratios. The outbox
    // costs a few microseconds a msg (three small writes, the msg's JSON) against a send's round trip, far less than
    // a shared machine's drift over a second: many short rounds, each pair back to back, keep the drift out.
    const rounds = 20;
    const perRound = Math.ceil(sends / rounds);
    const ratios: number[] = [];
    const msPerMsg = { on: [] as number[], off: [] as number[] };
    let failures = burst.failures;
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? [on, off] : [off, on];
      const ms = new Map<object, number>();
      for (const path of order) {
        const run = await path.run(perRound, 1, msg);
        failures += run.failures;
        ms.set(path, run.ms);
      }
      ratios.push(ms.get(off)! / ms.get(on)!);
      msPerMsg.on.push(ms.get(on)! / perRound);
      msPerMsg.off.push(ms.get(off)! / perRound);
      await sandbox.reset();
    }
    const costUs = (median(msPerMsg.on) - median(msPerMsg.off)) * 1000;
    await nodeRed.deploy([]);
    const problems = failures > 0 ? `${failures} msgs failed` : '';
    return [
      {
        bench: '8a queue: memory per waiting msg',
        compares: `${waiting.toLocaleString('en')} msgs waiting in the send node's queue ÷ in a delay node (rate limit, 1/hour), heap after GC, same process`,
        baseline: `delay node ${delayMemory.bytes.toFixed(0)} B/msg`,
        candidate: `send node ${sendMemory.bytes.toFixed(0)} B/msg`,
        ...goal(sendMemory.bytes / delayMemory.bytes, '≤', 1),
      },
      {
        bench: '8d queue: msg.reset is linear',
        compares: `msg.reset of ${waiting.toLocaleString('en')} waiting msgs ÷ 2 × msg.reset of ${(waiting / 2).toLocaleString('en')} (mean of one before and one after), each reset msg to Catch, until Catch has them all`,
        baseline: `${(waiting / 2).toLocaleString('en')}: ${halfBefore.resetMs.toFixed(0)} ms before, ${halfAfter.resetMs.toFixed(0)} ms after`,
        candidate: `${waiting.toLocaleString('en')}: ${sendMemory.resetMs.toFixed(0)} ms`,
        ...goal(sendMemory.resetMs / (2 * sendHalf.resetMs), '≤', 1.3),
        notes: `the delay node drops its ${waiting.toLocaleString('en')} without a report: ${delayMemory.resetMs.toFixed(1)} ms`,
      },
      {
        bench: '8e queue: closing is linear',
        compares: `a deploy that removes a send node with ${waiting.toLocaleString('en')} waiting msgs, each logged, ÷ 2 × one with ${(waiting / 2).toLocaleString('en')}; each the least of 2, less the same deploy with none waiting`,
        baseline: `${(waiting / 2).toLocaleString('en')}: ${closeHalf.toFixed(0)} ms`,
        candidate: `${waiting.toLocaleString('en')}: ${closeFull.toFixed(0)} ms`,
        ...goal((closeFull - closeEmpty) / (2 * (closeHalf - closeEmpty)), '≤', 1.3),
        notes: `the deploy with none waiting: ${closeEmpty.toFixed(0)} ms (least of 3)`,
      },
      {
        bench: '8b queue: status events',
        compares: `status events of one send node per second after the first, during a burst of ${sends.toLocaleString('en')} msgs (interval 0)`,
        baseline: 'the delay node: at most one every 500 ms',
        candidate: `${statuses} events in ${(burst.ms / 1000).toFixed(1)} s`,
        ...goal(perSecond, '≤', 2.5, 'events/s'),
      },
      {
        bench: '8c queue: durable outbox cost',
        compares: `send node msgs/s with "Keep waiting messages when Node-RED restarts" on ÷ off, 1 in flight, median of ${rounds} rounds of ${perRound} msgs`,
        baseline: 'outbox off',
        candidate: 'outbox on (each record written before the send; flushed to the disk only from an interval of 1 s)',
        ...goal(median(ratios), '≥', 0.9),
        notes: `median ${(median(msPerMsg.off) * 1000).toFixed(0)} µs a msg off, ${(median(msPerMsg.on) * 1000).toFixed(0)} µs on (${costUs.toFixed(0)} µs)${problems ? `; ${problems}` : ''}`,
      },
    ];
  } finally {
    await sandbox.close();
  }
}
