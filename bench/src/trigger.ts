// Bench 3: inbound deliveries into blazwa-trigger against the core `http in` + `http response` nodes, in one
// embedded Node-RED. Each delivery is what the sandbox (and the service) POSTs: JSON `{ from, message }` to the
// node's path; the trigger's only secret is that long random path.
import { randomBytes } from 'node:crypto';
import { Pool } from 'undici';
import { httpInPath, triggerPath } from './flows.ts';
import { sharedNodeRed, type BenchNodeRed } from './node-red.ts';
import { goal, type Figure } from './report.ts';

const ROUNDS = 4;
/** After the last answer, how long a missing msg may still take before it counts as lost. */
const QUIET_MS = 3000;

interface DeliveryRun {
  ms: number;
  /** Accepted (2xx) but never became a msg. */
  lost: number;
  /** Msgs beyond the first for one delivery, and msgs that match no delivery. */
  duplicated: number;
  /** Deliveries answered with anything but 2xx, or not answered. */
  refused: number;
}

export async function benchTrigger(count: number, concurrency: number): Promise<Figure[]> {
  const nodeRed = await sharedNodeRed();
  const triggerRoute = `/blazwa/${randomBytes(16).toString('hex')}`;
  const httpInRoute = `/inbound/${randomBytes(16).toString('hex')}`;
  const trigger = triggerPath('b3-trigger', triggerRoute);
  const httpIn = httpInPath('b3-httpin', httpInRoute);
  await nodeRed.deploy([...trigger.flows, ...httpIn.flows]);
  const pool = new Pool(nodeRed.url, { connections: concurrency });
  try {
    // The trigger's msg carries the text in payload; http in's carries the parsed body.
    const paths = {
      trigger: watch(nodeRed, trigger.end, (msg) => msg.payload, pool, triggerRoute),
      httpIn: watch(nodeRed, httpIn.end, (msg) => msg.payload?.message, pool, httpInRoute),
    };
    await paths.trigger.run(Math.min(500, count), concurrency);
    await paths.httpIn.run(Math.min(500, count), concurrency);

    const runs: Record<'trigger' | 'httpIn', DeliveryRun[]> = { trigger: [], httpIn: [] };
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? (['trigger', 'httpIn'] as const) : (['httpIn', 'trigger'] as const);
      for (const name of order) runs[name].push(await paths[name].run(Math.ceil(count / ROUNDS), concurrency));
    }
    const t = total(runs.trigger);
    const h = total(runs.httpIn);
    const perRound = Math.ceil(count / ROUNDS) * ROUNDS;
    const rate = (run: ReturnType<typeof total>) => perRound / (run.ms / 1000);
    const counts = (run: ReturnType<typeof total>) =>
      `lost ${run.lost}, duplicated ${run.duplicated}${run.refused ? `, refused ${run.refused}` : ''}`;
    const ratio = goal(rate(t) / rate(h), '≥', 1);
    const clean = (run: ReturnType<typeof total>) => run.lost + run.duplicated + run.refused === 0;
    const problems = nodeRed.problems.length > 0 ? `Node-RED logged: ${nodeRed.problems.slice(0, 3).join(' / ')}` : undefined;
    await nodeRed.deploy([]);
    return [
      {
        bench: `3a blazwa-trigger, concurrency ${concurrency}`,
        compares: `${perRound} JSON deliveries per path, ${concurrency} at a time: trigger deliveries/s ÷ http in + http response deliveries/s (until every msg reached the end node)`,
        baseline: `${rate(h).toFixed(0)} deliveries/s`,
        candidate: `${rate(t).toFixed(0)} deliveries/s`,
        ...ratio,
        // A rate measured while msgs went missing is not a rate of deliveries.
        met: ratio.met && clean(t) && clean(h),
        ...(problems ? { notes: problems } : {}),
      },
      {
        bench: '3b inbound msgs lost or duplicated',
        compares: `the same ${perRound} deliveries per path: msgs missing or seen twice at the end node (refused: a delivery not answered 2xx)`,
        baseline: `http in: ${counts(h)}`,
        candidate: `trigger: ${counts(t)}`,
        ...goal(t.lost + t.duplicated + t.refused + h.lost + h.duplicated + h.refused, '=', 0, 'msgs'),
      },
    ];
  } finally {
    await pool.close();
  }
}

/** Deliveries to one route, and the msgs its path produces, matched by the number in each message's text. */
function watch(nodeRed: BenchNodeRed, end: string, textOf: (msg: Record<string, any>) => unknown, pool: Pool, route: string) {
  let seen = new Uint8Array(0);
  let arrived = 0;
  let unknown = 0;
  let lastArrival = 0;
  nodeRed.onInput(end, (msg) => {
    const match = /^Pesan #(\d+)\b/.exec(String(textOf(msg)));
    const i = match ? Number(match[1]) : -1;
    if (i < 0 || i >= seen.length) {
      unknown++;
      return;
    }
    seen[i]!++;
    arrived++;
    lastArrival = performance.now();
  });

  return {
    async run(count: number, concurrency: number): Promise<DeliveryRun> {
      seen = new Uint8Array(count);
      const accepted = new Uint8Array(count);
      arrived = 0;
      unknown = 0;
      let refused = 0;
      let next = 0;
      const start = performance.now();
      await Promise.all(
        Array.from({ length: Math.min(concurrency, count) }, async () => {
          while (next < count) {
            const i = next++;
            try {
              const response = await pool.request({
                path: route,
                method: 'POST',
                headers: { 'content-type': 'application/json', 'user-agent': 'blazwa-sandbox' },
                body: JSON.stringify({ from: '6281234567890', message: `Pesan #${i} halo, stok ada?` }),
              });
              await response.body.dump();
              if (response.statusCode >= 200 && response.statusCode <= 299) accepted[i] = 1;
              else refused++;
            } catch {
              refused++;
            }
          }
        }),
      );
      const answered = performance.now();
      // The trigger answers before its msg goes on; the msgs may still be on their way.
      while (arrived < count - refused && performance.now() - Math.max(answered, lastArrival) < QUIET_MS) {
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      const done = Math.max(answered, arrived > 0 ? lastArrival : answered);
      let lost = 0;
      let duplicated = 0;
      // A refused delivery is the sender's to retry; a lost one was accepted and never became a msg.
      seen.forEach((times, i) => {
        if (times === 0 && accepted[i]) lost++;
        else if (times > 1) duplicated += times - 1;
      });
      return { ms: done - start, lost, duplicated: duplicated + unknown, refused };
    },
  };
}

function total(runs: DeliveryRun[]) {
  return runs.reduce((sum, run) => ({
    ms: sum.ms + run.ms,
    lost: sum.lost + run.lost,
    duplicated: sum.duplicated + run.duplicated,
    refused: sum.refused + run.refused,
  }));
}
