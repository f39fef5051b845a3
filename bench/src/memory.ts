// Bench 4: memory of a Node-RED process with the send node, after GC, before and after many sends.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import type { Memory, MemoryReport } from './memory-child.ts';
import { goal, type Figure } from './report.ts';
import { startSandboxProcess } from './sandbox-process.ts';

const MB = 2 ** 20;

export async function benchMemory(count: number): Promise<Figure[]> {
  const sandbox = await startSandboxProcess({ paired: true });
  try {
    const batch = Math.min(10_000, Math.ceil(count / 4));
    const child = fork(
      new URL('./memory-child.ts', import.meta.url),
      [JSON.stringify({ url: sandbox.url, apiKey: sandbox.apiKey, count, batch, warmup: 1000 })],
      {
        execArgv: ['--expose-gc'],
      },
    );
    const [report] = (await Promise.race([
      once(child, 'message'),
      once(child, 'exit').then(([code]) => Promise.reject(new Error(`the measured Node-RED process exited (${code}) before it reported`))),
    ])) as [MemoryReport];
    await once(child, 'exit');

    const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;
    const problems = [
      report.failures > 0 ? `${report.failures} sends failed (first: ${report.firstFailure})` : '',
      report.outboxMismatch > 0 ? `${report.outboxMismatch} sends missing from or extra in the outbox` : '',
    ].filter(Boolean);
    const note = `after a 1,000-send warm-up; ${report.sent.toLocaleString('en')} sends in batches of ${batch.toLocaleString('en')}, the sandbox (another process) reset between batches; a negative growth means memory held at the start (startup, warm-up) was freed later`;
    const heap = goal((report.after.heapUsed - report.before.heapUsed) / MB, '<', 10, 'MB');
    // V8 sizes its young generation to the allocation rate (64 → 128 MB in long runs): that reserve is empty after
    // GC and is no memory the node holds, but RSS counts it. The goal is on what RSS holds besides it.
    const held = (memory: Memory) => memory.rss - memory.newSpace;
    const rss = goal((held(report.after) - held(report.before)) / MB, '<', 10, 'MB');
    return [
      {
        bench: '4a memory: heap',
        compares: `V8 heap used after GC, in a Node-RED process with one send node: after ${report.sent.toLocaleString('en')} sends − before (growth)`,
        baseline: `${mb(report.before.heapUsed)} before`,
        candidate: `${mb(report.after.heapUsed)} after`,
        ...heap,
        met: heap.met && problems.length === 0,
        notes: [note, ...problems].join('; '),
      },
      {
        bench: '4b memory: RSS',
        compares: `resident set size after GC less V8's young-generation reserve, same process and sends: after − before (growth)`,
        baseline: `${mb(held(report.before))} before (RSS ${mb(report.before.rss)})`,
        candidate: `${mb(held(report.after))} after (RSS ${mb(report.after.rss)})`,
        ...rss,
        met: rss.met && problems.length === 0,
        notes: `RSS also counts memory V8 and the allocator keep for reuse: V8's young generation went from ${mb(report.before.newSpace)} to ${mb(report.after.newSpace)} (empty after GC), its whole heap from ${mb(report.before.heapTotal)} to ${mb(report.after.heapTotal)}`,
      },
    ];
  } finally {
    await sandbox.close();
  }
}
