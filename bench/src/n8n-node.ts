// Bench 6: 1,000 items through the Blazwa node against the same sendMessage calls made with n8n's own HTTP Request
// node, both run by n8n 2.41.1's engine (WorkflowExecute) against one sandbox in its own process.
import type { IDataObject, IRun } from 'n8n-workflow';

import { startEngine, type Engine } from './n8n-engine.ts';
import { blazwaWorkflow, httpRequestWorkflow, loopedHttpRequestWorkflow, type BenchWorkflow } from './n8n-workflows.ts';
import { goal, type Figure } from './report.ts';
import { startSandboxProcess, type SandboxProcess } from './sandbox-process.ts';

// Each path first in two rounds; the median execution is the figure, so one slow patch of a busy machine does not
// decide it.
const ROUNDS = 6;
const WARM_UP = 100;

type PathName = 'blazwa' | 'http' | 'loop';

interface Measured {
  ms: number;
  items: number;
  failures: number;
  firstFailure?: string;
}

export async function benchN8nNode(count: number): Promise<Figure[]> {
  const sandbox = await startSandboxProcess({ paired: true });
  try {
    const engine = await startEngine({
      // Unpaced: this bench measures the node's own cost per send against a bare HTTP Request node.
      blazwaApi: { server: 'custom', baseUrl: sandbox.url, apiKey: sandbox.apiKey, minInterval: 0 },
      httpHeaderAuth: { name: 'X-API-KEY', value: sandbox.apiKey },
    });
    const { httpRequest, loop } = engine.versions;
    const paths: Record<PathName, BenchWorkflow> = {
      blazwa: blazwaWorkflow(),
      http: httpRequestWorkflow(sandbox.url, httpRequest),
      loop: loopedHttpRequestWorkflow(sandbox.url, httpRequest, loop),
    };
    const names = Object.keys(paths) as PathName[];

    // Warm every path (code loaded and compiled, connections open) before anything is measured.
    for (const name of names) await measure(engine, sandbox, paths[name], items(WARM_UP, `warm-${name}`));

    const runs: Record<PathName, Measured[]> = { blazwa: [], http: [], loop: [] };
    // Each round starts with another path, so a slow patch of the machine hits them alike.
    for (let round = 0; round < ROUNDS; round++) {
      for (let offset = 0; offset < names.length; offset++) {
        const name = names[(round + offset) % names.length]!;
        runs[name].push(await measure(engine, sandbox, paths[name], items(count, `${name}-${round}`)));
      }
    }

    const blazwa = total(runs.blazwa);
    const http = total(runs.http);
    const looped = total(runs.loop);
    const versions = `n8n-core ${engine.versions.n8nCore}, HTTP Request v${httpRequest} and Loop Over Items v${loop} from n8n-nodes-base ${engine.versions.n8nNodesBase}`;
    const figure = (id: string, title: string, baseline: ReturnType<typeof total>, baselineName: string, note: string): Figure => {
      const problems = [failures('Blazwa node', blazwa), failures(baselineName, baseline)].filter(Boolean);
      const ratio = goal(blazwa.msPerExecution / baseline.msPerExecution, '≤', 1);
      return {
        bench: `6${id} n8n Blazwa node vs ${title}`,
        compares: `${count} items in one execution, in n8n's engine: Blazwa node time ÷ ${baselineName} time (median of ${ROUNDS} executions each)`,
        baseline: `${baseline.rate.toFixed(0)} items/s (${baseline.msPerExecution.toFixed(0)} ms per execution)`,
        candidate: `${blazwa.rate.toFixed(0)} items/s (${blazwa.msPerExecution.toFixed(0)} ms per execution)`,
        ...ratio,
        met: ratio.met && problems.length === 0,
        notes: [note, ...problems, versions].join('; '),
      };
    };
    return [
      figure(
        'a',
        'HTTP Request',
        http,
        'HTTP Request node',
        'the HTTP Request node starts every item’s request at once; the Blazwa node sends one message at a time, in order, as one WhatsApp account must',
      ),
      figure(
        'b',
        'Loop Over Items + HTTP Request',
        looped,
        'Loop Over Items (batch size 1) + HTTP Request',
        'both send one message at a time, in order: the loop is how an n8n user gets that from the HTTP Request node',
      ),
    ];
  } finally {
    await sandbox.close();
  }
}

function items(count: number, tag: string): IDataObject[] {
  return Array.from({ length: count }, (_, index) => ({ phone: '6281234567890', text: `Pesanan #${tag}-${index} sudah dibayar. Terima kasih!` }));
}

/** One execution over `input`, timed from start to the engine's end; then the outbox must hold each item once. */
async function measure(engine: Engine, sandbox: SandboxProcess, path: BenchWorkflow, input: IDataObject[]): Promise<Measured> {
  const started = performance.now();
  const run = await engine.run(path, input);
  const ms = performance.now() - started;
  const outcome = check(run, path.sender, input.length);
  const outbox = await sandbox.outbox();
  const expected = new Set(input.map((item) => item.text as string));
  const delivered = new Set(outbox.map((entry) => entry.body).filter((body) => expected.has(body)));
  if (outbox.length !== input.length - outcome.failures || delivered.size !== outbox.length) {
    outcome.failures += Math.abs(input.length - outbox.length);
    outcome.firstFailure ??= `the outbox held ${outbox.length} messages (${delivered.size} distinct) for ${input.length} items`;
  }
  await sandbox.reset();
  return { ms, items: input.length, ...outcome };
}

/** How many items did not come out of `sender` as a sent message (every run of it: a loop runs it once per item). */
function check(run: IRun, sender: string, expected: number): { failures: number; firstFailure?: string } {
  if (run.status !== 'success')
    return { failures: expected, firstFailure: `the execution ended ${run.status}: ${run.data.resultData.error?.message ?? ''}` };
  const outputs = (run.data.resultData.runData[sender] ?? []).flatMap((task) => task.data?.main?.[0] ?? []);
  const sent = outputs.filter((item) => typeof item.json.id === 'string' && item.json.error === undefined);
  const firstFailure = outputs.find((item) => !sent.includes(item));
  return {
    failures: expected - sent.length,
    ...(sent.length === expected
      ? {}
      : { firstFailure: firstFailure ? JSON.stringify(firstFailure.json).slice(0, 200) : `${outputs.length} items came out for ${expected}` }),
  };
}

function total(runs: Measured[]) {
  const times = runs.map((run) => run.ms).sort((a, b) => a - b);
  const middle = times.length / 2;
  const median = times.length % 2 ? times[Math.floor(middle)]! : (times[middle - 1]! + times[middle]!) / 2;
  return {
    rate: runs[0]!.items / (median / 1000),
    msPerExecution: median,
    failures: runs.reduce((sum, run) => sum + run.failures, 0),
    firstFailure: runs.find((run) => run.firstFailure)?.firstFailure,
  };
}

function failures(name: string, measured: ReturnType<typeof total>): string {
  return measured.failures > 0 ? `${name}: ${measured.failures} items not sent (first: ${measured.firstFailure})` : '';
}
