// Bench 5: the config node's pacing. Its min interval is set for 10 msgs/s and a burst of msgs is handed to the send
// node at once; the sandbox's outbox says when each one arrived and in what order.
import { drivePath } from './drive.ts';
import { accountNode, sendPath } from './flows.ts';
import { sharedNodeRed } from './node-red.ts';
import { goal, within, type Figure } from './report.ts';
import { startSandboxProcess } from './sandbox-process.ts';

const RATE = 10;

export async function benchPacing(count: number): Promise<Figure[]> {
  const sandbox = await startSandboxProcess({ paired: true });
  try {
    const nodeRed = await sharedNodeRed();
    const send = sendPath('b5-send', 'b5-account');
    await nodeRed.deploy([accountNode('b5-account', sandbox, 1 / RATE), ...send.flows]);
    const path = drivePath(nodeRed, send.path);
    const msg = (i: number) => ({ phoneNumber: '6281234567890', payload: `Pesanan #${i} sudah dibayar.` });
    await path.run(2, 1, msg);
    await sandbox.reset();

    // Every msg handed over at once, in send order 0, 1, 2, …: the pacer alone decides when each leaves.
    const run = await path.run(count, count, msg);
    const outbox = await sandbox.outbox();
    await nodeRed.deploy([]);
    await sandbox.reset();

    const order = outbox.map(({ body }) => Number(/^Pesanan #(\d+) /.exec(body)?.[1] ?? -1));
    const misplaced = order.filter((seq, position) => seq !== position).length;
    const missing = count - new Set(order).size;
    const seconds = outbox.length > 1 ? (outbox.at(-1)!.at - outbox[0]!.at) / 1000 : NaN;
    const achieved = (outbox.length - 1) / seconds;
    const problems = run.failures > 0 ? `${run.failures} sends failed (first: ${run.firstFailure})` : '';
    return [
      {
        bench: '5a pacing: rate',
        compares: `${count} msgs at once into the send node, config node min interval ${1 / RATE} s: achieved rate (first to last outbox entry) ÷ configured rate`,
        baseline: `${RATE} msgs/s configured`,
        candidate: `${achieved.toFixed(3)} msgs/s achieved over ${seconds.toFixed(1)} s`,
        ...within(achieved / RATE, 1, 0.05),
        ...(problems ? { notes: problems } : {}),
      },
      {
        bench: '5b pacing: order',
        compares: `the same ${count} msgs: outbox order vs send order (msgs out of place, plus msgs missing)`,
        baseline: `send order 0…${count - 1}`,
        candidate: `outbox: ${outbox.length} msgs, ${misplaced} out of place, ${missing} missing`,
        ...goal(misplaced + missing, '=', 0, 'msgs'),
      },
    ];
  } finally {
    await sandbox.close();
  }
}
