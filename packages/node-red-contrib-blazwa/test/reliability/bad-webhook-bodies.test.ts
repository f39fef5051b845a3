// Every body of the shared corpus, over HTTP into blazwa-trigger's route in a real Node-RED, one by one and all at
// once: each answered 4xx with a message saying what is wrong and logged as ignored, none becomes a msg, nothing
// crashes, and a good delivery still gets through afterwards.
import { badWebhookBodies } from '@blazwa/test-support/bad-webhook-bodies';
import { afterAll, describe, expect, it } from 'vitest';
import { until } from '../support.js';
import { report } from './harness.js';
import { useTriggerRig, type TriggerRig } from './trigger-rig.js';

const CONCURRENT_ROUNDS = 3;

let rig: TriggerRig;
const statuses = new Map<number, number>();
useTriggerRig(badWebhookBodies.length, { onStart: (started) => (rig = started) });

afterAll(() => {
  expect(({} as Record<string, unknown>).polluted, 'Object.prototype polluted').toBeUndefined();
});

const ignoredLines = (): string[] => rig.nodeRed.logs.filter((line) => line.startsWith('Ignored a webhook call'));

async function deliver(index: number): Promise<{ status: number; message: unknown }> {
  const bad = badWebhookBodies[index]!;
  const { status, text } = await rig.post(bad.body, bad.contentType === undefined ? {} : { contentType: bad.contentType });
  statuses.set(status, (statuses.get(status) ?? 0) + 1);
  let message: unknown;
  try {
    message = (JSON.parse(text) as { message?: unknown }).message;
  } catch {
    message = `not JSON: ${text.slice(0, 80)}`;
  }
  return { status, message };
}

describe('each bad body on its own', () => {
  it.each(badWebhookBodies.map((bad, index) => [bad.name, index] as const))(
    '%s: a 4xx that says what is wrong, logged, no msg',
    async (_name, index) => {
      const loggedBefore = ignoredLines().length;
      const { status, message } = await deliver(index);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(500);
      // The answer names what is wrong: the body, or the field of it.
      expect(message).toEqual(expect.stringMatching(/\b(body|from|message)\b/));
      await until(() => ignoredLines().length === loggedBefore + 1, 'the "Ignored a webhook call" log line');
      expect(rig.received).toEqual([]);
    },
  );
});

it(`all at once, ${CONCURRENT_ROUNDS} times: the same answers, then a good delivery is the only msg`, async () => {
  const single = new Map<number, number>();
  for (const [index] of badWebhookBodies.entries()) single.set(index, (await deliver(index)).status);
  for (let round = 0; round < CONCURRENT_ROUNDS; round++) {
    const answers = await Promise.all(badWebhookBodies.map((_bad, index) => deliver(index)));
    expect(answers.map((answer) => answer.status)).toEqual(badWebhookBodies.map((_bad, index) => single.get(index)));
  }
  const good = await rig.post(JSON.stringify({ message: 'masih hidup?', from: '0812-3456-7890' }), { contentType: 'application/json' });
  expect(good.status).toBe(200);
  await until(() => rig.received.length === 1, 'the good msg');
  expect(rig.received).toEqual(['masih hidup?']);

  const sent = badWebhookBodies.length * (2 + CONCURRENT_ROUNDS);
  const byStatus = [...statuses.entries()].sort(([a], [b]) => a - b).map(([status, count]) => `${status}: ${count}`);
  report(
    `bad webhook bodies: ${badWebhookBodies.length} kinds, ${sent} deliveries (one by one twice, all at once ×${CONCURRENT_ROUNDS}) → ` +
      `${byStatus.join(', ')}; "Ignored a webhook call" log lines: ${ignoredLines().length}; msgs from them: 0; good delivery after: ${rig.received.length} msg`,
  );
  expect([...statuses.keys()].every((status) => status >= 400 && status < 500)).toBe(true);
  await until(() => ignoredLines().length === sent, 'one log line per bad delivery');
}, 120_000);
