// 10,000 webhook deliveries, 100 at a time over real HTTP, into blazwa-trigger's route in a real Node-RED: each
// becomes exactly one msg at the next node, none lost, none twice.
import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { until } from '../support.js';
import { duplicates, inPool, report } from './harness.js';
import { useTriggerRig, type TriggerRig } from './trigger-rig.js';

const DELIVERIES = 10_000;
const CONCURRENCY = 100;

let rig: TriggerRig;
useTriggerRig(CONCURRENCY, { onStart: (started) => (rig = started) });

it(`${DELIVERIES} deliveries at concurrency ${CONCURRENCY} become exactly ${DELIVERIES} msgs`, async () => {
  const runId = randomBytes(4).toString('hex');
  const textOf = (index: number): string => `flood ${runId} #${index}`;
  const answers = new Map<number, number>();
  await inPool(DELIVERIES, CONCURRENCY, async (index) => {
    const { status } = await rig.post(JSON.stringify({ message: textOf(index), from: '0812-3456-7890' }), { contentType: 'application/json' });
    answers.set(status, (answers.get(status) ?? 0) + 1);
  });
  await until(() => rig.received.length >= DELIVERIES, `${DELIVERIES} msgs at the next node`, 120_000);
  // A late or repeated msg would arrive behind one more delivery.
  await rig.post(JSON.stringify({ message: `sentinel ${runId}`, from: '0812-3456-7890' }), { contentType: 'application/json' });
  await until(() => rig.received.includes(`sentinel ${runId}`), 'the sentinel msg');

  const flood = rig.received.filter((text) => text.startsWith(`flood ${runId} #`));
  const arrived = new Set(flood);
  const lost = Array.from({ length: DELIVERIES }, (_, index) => textOf(index)).filter((text) => !arrived.has(text));
  const duplicated = duplicates(flood);
  report(
    `flood: ${DELIVERIES} deliveries at concurrency ${CONCURRENCY} → answers ${JSON.stringify(Object.fromEntries(answers))}, ` +
      `${flood.length} msgs, lost ${lost.length}, duplicated ${duplicated}`,
  );
  expect(Object.fromEntries(answers)).toEqual({ 200: DELIVERIES });
  expect(lost).toEqual([]);
  expect(duplicated).toBe(0);
  expect(flood).toHaveLength(DELIVERIES);
  expect(rig.received).toHaveLength(DELIVERIES + 1);
}, 300_000);
