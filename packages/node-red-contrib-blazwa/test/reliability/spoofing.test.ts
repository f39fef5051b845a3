// Deliveries without the trigger's secret, mixed among good ones and sent concurrently into a real Node-RED: they
// produce no msg. The trigger's own secret is its random path (the service signs nothing), so a caller without it
// reaches no route at all: a 404, the same answer as for any URL that does not exist. A secret header checked by
// `httpNodeMiddleware` (what the README suggests on top) refuses with a 403.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { expect, it } from 'vitest';
import { until } from '../support.js';
import { inPool, report, seededRandom, shuffled } from './harness.js';
import { useTriggerRig, type TriggerRig } from './trigger-rig.js';

const ROUNDS = 60;
const GOOD_PER_ROUND = 2;
const CONCURRENCY = 50;

let rig: TriggerRig;
useTriggerRig(CONCURRENCY, { onStart: (started) => (rig = started), beforeClose: (started) => started.nodeRed.setNodeMiddleware(undefined) });

interface Attempt {
  kind: string;
  path?: string;
  headers?: Record<string, string>;
  /** Extra fields in the JSON body. */
  extra?: Record<string, string>;
  expected: number;
}

/** Sends every attempt `ROUNDS` times and the good delivery `GOOD_PER_ROUND` times a round, shuffled, concurrently. */
async function storm(
  attempts: Attempt[],
  good: Omit<Attempt, 'kind' | 'expected'>,
): Promise<{ answers: Map<string, Map<number, number>>; goodTexts: string[] }> {
  const runId = randomBytes(4).toString('hex');
  const jobs = shuffled(
    Array.from({ length: ROUNDS }, (_, round) => [
      ...attempts.map((attempt) => ({ ...attempt, text: `spoof ${runId} ${attempt.kind} ${round}` })),
      ...Array.from({ length: GOOD_PER_ROUND }, (_, n) => ({ ...good, kind: 'good', expected: 200, text: `good ${runId} ${round}.${n}` })),
    ]).flat(),
    seededRandom(11),
  );
  const answers = new Map<string, Map<number, number>>();
  await inPool(jobs.length, CONCURRENCY, async (index) => {
    const job = jobs[index]!;
    const body = JSON.stringify({ message: job.text, from: '0812-3456-7890', ...job.extra });
    const { status } = await rig.post(body, {
      contentType: 'application/json',
      ...(job.path ? { path: job.path } : {}),
      ...(job.headers ? { headers: job.headers } : {}),
    });
    const byStatus = answers.get(job.kind) ?? new Map<number, number>();
    byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
    answers.set(job.kind, byStatus);
  });
  const goodTexts = jobs.filter((job) => job.kind === 'good').map((job) => job.text);
  await until(() => goodTexts.every((text) => rig.received.includes(text)), 'every good delivery as a msg');
  // A spoofed msg under way would arrive behind one more good delivery.
  const sentinel = `sentinel ${runId}`;
  await rig.post(JSON.stringify({ message: sentinel, from: '0812-3456-7890' }), {
    contentType: 'application/json',
    ...(good.headers ? { headers: good.headers } : {}),
  });
  await until(() => rig.received.includes(sentinel), 'the sentinel msg');
  goodTexts.push(sentinel);
  return { answers, goodTexts };
}

function expectOnly(goodTexts: string[], attempts: Attempt[], answers: Map<string, Map<number, number>>, name: string): void {
  const spoofed = rig.received.filter((text) => !goodTexts.includes(text));
  const spoofAnswers = new Map<number, number>();
  for (const [kind, byStatus] of answers) {
    if (kind !== 'good') for (const [status, count] of byStatus) spoofAnswers.set(status, (spoofAnswers.get(status) ?? 0) + count);
  }
  report(
    `spoofing, ${name}: ${attempts.length * ROUNDS} deliveries without the secret (${attempts.length} kinds × ${ROUNDS}) → ` +
      `${[...spoofAnswers].map(([status, count]) => `${status}: ${count}`).join(', ')}, msgs from them: ${spoofed.length}; ` +
      `${goodTexts.length} good among them → ${rig.received.length} msgs`,
  );
  expect(spoofed).toEqual([]);
  expect([...rig.received].sort()).toEqual([...goodTexts].sort());
  for (const attempt of attempts) expect(Object.fromEntries(answers.get(attempt.kind)!), attempt.kind).toEqual({ [attempt.expected]: ROUNDS });
  expect(Object.fromEntries(answers.get('good')!)).toEqual({ 200: ROUNDS * GOOD_PER_ROUND });
}

it('without the path that is the secret (missing, wrong, or put elsewhere): a 404 and no msg', async () => {
  const token = rig.path.slice('/blazwa/'.length);
  const wrongLast = `${token.slice(0, -1)}${token.endsWith('0') ? '1' : '0'}`;
  const attempts: Attempt[] = [
    { kind: 'missing: /blazwa', path: '/blazwa', expected: 404 },
    { kind: 'missing: /blazwa/', path: '/blazwa/', expected: 404 },
    { kind: 'missing: the root', path: '/', expected: 404 },
    { kind: 'wrong: another token', path: `/blazwa/${randomBytes(16).toString('hex')}`, expected: 404 },
    { kind: 'wrong: last digit changed', path: `/blazwa/${wrongLast}`, expected: 404 },
    { kind: 'wrong: one digit short', path: `/blazwa/${token.slice(0, -1)}`, expected: 404 },
    { kind: 'wrong: one digit more', path: `/blazwa/${token}0`, expected: 404 },
    { kind: 'wrong: a segment more', path: `${rig.path}/x`, expected: 404 },
    { kind: 'elsewhere: query', path: `/blazwa?token=${token}`, expected: 404 },
    { kind: 'elsewhere: header', path: '/blazwa', headers: { 'x-webhook-secret': token, authorization: `Bearer ${token}` }, expected: 404 },
    { kind: 'elsewhere: body', path: '/blazwa', extra: { secret: token, token, path: rig.path }, expected: 404 },
  ];
  rig.received.length = 0;
  const { answers, goodTexts } = await storm(attempts, {});
  expectOnly(goodTexts, attempts, answers, 'the path');
}, 120_000);

it('behind a secret header checked by httpNodeMiddleware (missing, wrong, or put elsewhere): a 403 and no msg', async () => {
  const secret = randomBytes(16).toString('hex');
  rig.nodeRed.setNodeMiddleware((req, res, next) => {
    const given = Buffer.from(String(req.headers['x-blazwa-secret'] ?? ''));
    const wanted = Buffer.from(secret);
    if (given.length === wanted.length && timingSafeEqual(given, wanted)) return next();
    res.status(403).json({ message: 'forbidden' });
  });
  const attempts: Attempt[] = [
    { kind: 'missing', expected: 403 },
    { kind: 'wrong', headers: { 'x-blazwa-secret': randomBytes(16).toString('hex') }, expected: 403 },
    { kind: 'wrong: a prefix', headers: { 'x-blazwa-secret': secret.slice(0, -1) }, expected: 403 },
    { kind: 'elsewhere: another header', headers: { authorization: `Bearer ${secret}` }, expected: 403 },
    { kind: 'elsewhere: query', path: `${rig.path}?x-blazwa-secret=${secret}`, expected: 403 },
    { kind: 'elsewhere: body', extra: { 'x-blazwa-secret': secret }, expected: 403 },
    { kind: 'right header, no path', path: '/blazwa', headers: { 'x-blazwa-secret': secret }, expected: 404 },
  ];
  rig.received.length = 0;
  const { answers, goodTexts } = await storm(attempts, { headers: { 'x-blazwa-secret': secret } });
  expectOnly(goodTexts, attempts, answers, 'a header secret');
}, 120_000);
