// Load for a Node-RED path: msgs handed to its start node with a bounded number in flight, each one done when it
// reaches the path's end (or its failed end).
import type { Path } from './flows.ts';
import type { BenchNodeRed } from './node-red.ts';

export interface PathRun {
  ms: number;
  /** Milliseconds from hand-over to arrival, one per msg, sorted. */
  latencies: number[];
  failures: number;
  /** Msgs that arrived at an end more than once, or that no msg of this run was waiting for. */
  strays: number;
  /** Why the first failed msg failed, for the report. */
  firstFailure?: string;
}

/** A msg that has not ended after this long is counted failed, so a lost msg cannot hang the bench. */
const STALL_MS = 60_000;

/** Watches a deployed path's ends; `run` may be called many times until the next deploy. */
export function drivePath(nodeRed: BenchNodeRed, path: Path) {
  const pending = new Map<number, (ok: boolean) => void>();
  let nextSeq = 0;
  let strays = 0;
  let lastProgress = performance.now();
  let firstFailure: string | undefined;
  const settle = (msg: Record<string, any>, ok: boolean): void => {
    const resolve = pending.get(msg.benchSeq);
    if (!resolve) {
      strays++;
      return;
    }
    pending.delete(msg.benchSeq);
    firstFailure ??= ok ? undefined : String(msg.error?.message ?? `answered ${msg.statusCode}: ${JSON.stringify(msg.payload)?.slice(0, 120)}`);
    lastProgress = performance.now();
    resolve(ok);
  };
  nodeRed.onInput(path.end, (msg) => settle(msg, path.ok ? path.ok(msg) : true));
  nodeRed.onInput(path.failed, (msg) => settle(msg, false));

  return {
    async run(count: number, inFlight: number, makeMsg: (i: number) => Record<string, unknown>): Promise<PathRun> {
      const latencies = new Array<number>(count);
      let failures = 0;
      let next = 0;
      strays = 0;
      firstFailure = undefined;
      lastProgress = performance.now();
      const watchdog = setInterval(() => {
        if (pending.size === 0 || performance.now() - lastProgress < STALL_MS) return;
        firstFailure ??= `${pending.size} msgs never reached an end within ${STALL_MS / 1000} s`;
        for (const resolve of pending.values()) resolve(false);
        pending.clear();
      }, 1000);
      const one = (i: number): Promise<boolean> =>
        new Promise<boolean>((resolve) => {
          const seq = nextSeq++;
          pending.set(seq, resolve);
          nodeRed.inject(path.start, { ...makeMsg(i), benchSeq: seq });
        });
      const start = performance.now();
      try {
        await Promise.all(
          Array.from({ length: Math.min(inFlight, count) }, async () => {
            while (next < count) {
              const i = next++;
              const sent = performance.now();
              const ok = await one(i);
              latencies[i] = performance.now() - sent;
              if (!ok) failures++;
            }
          }),
        );
      } finally {
        clearInterval(watchdog);
      }
      return {
        ms: performance.now() - start,
        latencies: latencies.sort((a, b) => a - b),
        failures,
        strays,
        ...(firstFailure ? { firstFailure } : {}),
      };
    },
  };
}

/** The p-th percentile (0–100) of sorted values, nearest rank. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
