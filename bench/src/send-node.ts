// Bench 2: the Node-RED send node against what a flow author would build without it — a change node that builds the
// call and the core `http request` node — in one embedded Node-RED, against one sandbox (in its own process).
import { drivePath, percentile, type PathRun } from './drive.ts';
import { accountNode, httpRequestPath, sendPath } from './flows.ts';
import { sharedNodeRed } from './node-red.ts';
import { median } from './paired-rounds.ts';
import { goal, type Figure } from './report.ts';
import { startSandboxProcess } from './sandbox-process.ts';

const ROUNDS = 10;

export async function benchSendNode(count: number, inFlights: number[]): Promise<Figure[]> {
  const sandbox = await startSandboxProcess({ paired: true });
  try {
    const nodeRed = await sharedNodeRed();
    const send = sendPath('b2-send', 'b2-account');
    const http = httpRequestPath('b2-http', sandbox);
    await nodeRed.deploy([accountNode('b2-account', sandbox, 0), ...send.flows, ...http.flows]);
    const paths = { send: drivePath(nodeRed, send.path), http: drivePath(nodeRed, http.path) };
    const msg = (i: number) => ({ phoneNumber: '6281234567890', payload: `Pesanan #${i} sudah dibayar. Terima kasih!` });

    const figures: Figure[] = [];
    for (const inFlight of inFlights) {
      // Warm both paths (JIT, connections) before anything is measured.
      await paths.send.run(Math.min(200, count), inFlight, msg);
      await paths.http.run(Math.min(200, count), inFlight, msg);
      await sandbox.reset();

      const runs: Record<'send' | 'http', PathRun[]> = { send: [], http: [] };
      let wrongOutbox = 0;
      // Rounds alternate which path goes first, and the figure is the median of the rounds' ratios: a slow patch of
      // the machine spoils a round, not the figure (as in bench 1).
      for (let round = 0; round < ROUNDS; round++) {
        const order = round % 2 === 0 ? (['send', 'http'] as const) : (['http', 'send'] as const);
        for (const name of order) {
          const size = Math.ceil(count / ROUNDS);
          runs[name].push(await paths[name].run(size, inFlight, msg));
          // Every msg that ended well must be in the outbox exactly once.
          const outbox = (await sandbox.outbox()).length;
          const succeeded = size - runs[name].at(-1)!.failures;
          if (outbox !== succeeded) wrongOutbox += Math.abs(outbox - succeeded);
          await sandbox.reset();
        }
      }
      const sendStats = summary(runs.send);
      const httpStats = summary(runs.http);
      const problems = [
        sendStats.failures > 0 ? `send node: ${sendStats.failures} msgs failed (first: ${sendStats.firstFailure})` : '',
        httpStats.failures > 0 ? `http request: ${httpStats.failures} msgs failed (first: ${httpStats.firstFailure})` : '',
        sendStats.strays + httpStats.strays > 0 ? `msgs that ended twice: send node ${sendStats.strays}, http request ${httpStats.strays}` : '',
        wrongOutbox > 0 ? `${wrongOutbox} outbox entries did not match the msgs that succeeded` : '',
        nodeRed.problems.length > 0 ? `Node-RED logged: ${nodeRed.problems.slice(0, 3).join(' / ')}` : '',
      ].filter(Boolean);
      const roundRatios = runs.send.map((run, round) => runs.http[round]!.ms / run.ms);
      const ratio = goal(median(roundRatios), '≥', 2);
      figures.push({
        bench: `2${String.fromCharCode(97 + figures.length)} Node-RED send node, ${inFlight} in flight`,
        compares: `${sendStats.count} msgs per path, at most ${inFlight} in flight: send node msgs/s ÷ change + http request msgs/s, median of ${ROUNDS} rounds (latency: hand-over to end node)`,
        baseline: `${httpStats.rate.toFixed(0)} msgs/s, p50 ${httpStats.p50.toFixed(2)} ms, p99 ${httpStats.p99.toFixed(2)} ms`,
        candidate: `${sendStats.rate.toFixed(0)} msgs/s, p50 ${sendStats.p50.toFixed(2)} ms, p99 ${sendStats.p99.toFixed(2)} ms`,
        ...ratio,
        met: ratio.met && problems.length === 0,
        notes:
          [
            inFlight > 1
              ? 'one account’s messages leave one at a time, in order (its pacer), so the send node never has more than one call under way; the http request node has them all in flight at once'
              : '',
            ...problems,
          ]
            .filter(Boolean)
            .join('; ') || undefined,
      });
    }
    await nodeRed.deploy([]);
    return figures;
  } finally {
    await sandbox.close();
  }
}

function summary(runs: PathRun[]) {
  const latencies = runs.flatMap((run) => run.latencies).sort((a, b) => a - b);
  const ms = runs.reduce((sum, run) => sum + run.ms, 0);
  return {
    count: latencies.length,
    rate: latencies.length / (ms / 1000),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    failures: runs.reduce((sum, run) => sum + run.failures, 0),
    firstFailure: runs.find((run) => run.firstFailure)?.firstFailure,
    strays: runs.reduce((sum, run) => sum + run.strays, 0),
  };
}
