// Bench 1: the core client against the physical limit — a raw undici POST of the same body to the same sandbox
// with the same pool size. Also the sandbox's own capacity, so it is never the hidden bottleneck.
import { BlazwaClient } from '@blazwa/core';
import { undiciTransport, USER_AGENT } from '@blazwa/core/undici';
import { startSandbox } from '@blazwa/sandbox';
import { Pool } from 'undici';
import { pairedRounds } from './paired-rounds.ts';
import { goal, type Figure } from './report.ts';

const CONNECTIONS = 64;
// Byte for byte the form body core writes for the send below.
const BODY = 'phoneNumber=6281234567890&message=Pesanan%20%231234%20sudah%20dibayar.%20Terima%20kasih!';

export async function benchCoreClient(sequential: number, concurrent: number): Promise<Figure[]> {
  const sandbox = await startSandbox({ paired: true });
  const pool = new Pool(sandbox.url, { connections: CONNECTIONS });
  const transport = undiciTransport({ baseUrl: sandbox.url, apiKey: sandbox.apiKey, connections: CONNECTIONS });
  const client = new BlazwaClient({ transport, retry: false });
  // Byte for byte the request core sends: the sandbox logs every header, so a shorter raw request would be cheaper.
  const headers = {
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
    'x-api-key': sandbox.apiKey,
    'user-agent': USER_AGENT,
  };

  const raw = async () => {
    const response = await pool.request({ path: '/openapi/wa/message', method: 'POST', headers, body: BODY });
    const json = (await response.body.json()) as { code: number };
    if (json.code !== 20001) throw new Error('raw send failed');
  };
  const viaCore = async () => {
    await client.sendMessage({ phoneNumber: '0812-3456-7890', message: 'Pesanan #1234 sudah dibayar. Terima kasih!' });
  };
  const status = async () => {
    const response = await pool.request({ path: '/openapi/wa/status', method: 'POST', headers });
    await response.body.dump();
  };

  try {
    // Warm both paths so neither pays for JIT or connection set-up in the measured part.
    await runSequential(raw, 500);
    await runSequential(viaCore, 500);
    sandbox.reset();

    // Time per round for the sequential sends; for the concurrent ones too, so a ratio of times is the inverse of
    // the ratio of throughputs.
    const rounds = 20;
    const sequentialRun = await pairedRounds(
      rounds,
      () => runSequential(raw, sequential / rounds),
      () => runSequential(viaCore, sequential / rounds),
      () => sandbox.reset(),
    );
    const concurrentRun = await pairedRounds(
      rounds,
      () => runConcurrent(raw, concurrent / rounds, CONNECTIONS),
      () => runConcurrent(viaCore, concurrent / rounds, CONNECTIONS),
      () => sandbox.reset(),
    );
    const rawRate = concurrent / (concurrentRun.baseline / 1000);
    const coreRate = concurrent / (concurrentRun.candidate / 1000);
    const statusRate = concurrent / ((await runConcurrent(status, concurrent, CONNECTIONS)) / 1000);
    sandbox.reset();

    return [
      {
        bench: '1a core client, sequential',
        compares: `${sequential} sendMessage one after another: core client time ÷ raw undici POST time (median of ${rounds} rounds)`,
        baseline: `${(sequentialRun.baseline / sequential).toFixed(3)} ms/send raw`,
        candidate: `${(sequentialRun.candidate / sequential).toFixed(3)} ms/send core`,
        ...goal(sequentialRun.medianRatio, '≤', 1.05),
      },
      {
        bench: '1b core client, concurrency 64',
        compares: `${concurrent} sendMessage, 64 at a time: core throughput ÷ raw undici throughput (median of ${rounds} rounds)`,
        baseline: `${rawRate.toFixed(0)} sends/s raw`,
        candidate: `${coreRate.toFixed(0)} sends/s core`,
        ...goal(1 / concurrentRun.medianRatio, '≥', 0.95),
      },
      {
        bench: '1c sandbox capacity',
        compares: 'cheapest sandbox call (status) vs the raw send rate: headroom above what the benches drive',
        baseline: `${rawRate.toFixed(0)} sends/s raw`,
        candidate: `${statusRate.toFixed(0)} status/s`,
        ...goal(statusRate / rawRate, '≥', 1),
        notes: 'the sends are bound by the sandbox doing a send’s work (validation, outbox); status shows the server itself is not saturated',
      },
    ];
  } finally {
    await transport.close();
    await pool.close();
    await sandbox.close();
  }
}

async function runSequential(task: () => Promise<void>, count: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < count; i++) await task();
  return performance.now() - start;
}

async function runConcurrent(task: () => Promise<void>, count: number, concurrency: number): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        next++;
        await task();
      }
    }),
  );
  return performance.now() - start;
}
