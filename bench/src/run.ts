// `pnpm bench [-- --quick] [-- --only 2,3]`: every figure compares two measures taken in this same run; nothing here
// is a test. A bench is one entry of `benches`: its number, what it measures, and its run at full or quick size.
import { benchCoreClient } from './core-client.ts';
import { benchMemory } from './memory.ts';
import { benchN8nNode } from './n8n-node.ts';
import { benchN8nPacing } from './n8n-pacing.ts';
import { stopSharedNodeRed } from './node-red.ts';
import { benchPacing } from './pacing.ts';
import { benchQueue } from './queue.ts';
import { writeReport, type Figure } from './report.ts';
import { benchSendNode } from './send-node.ts';
import { benchTrigger } from './trigger.ts';

interface Bench {
  id: number;
  title: string;
  run(quick: boolean): Promise<Figure[]>;
}

const benches: Bench[] = [
  { id: 1, title: 'core client vs raw undici', run: (quick) => benchCoreClient(quick ? 1000 : 10_000, quick ? 2000 : 20_000) },
  { id: 2, title: 'Node-RED send node vs change + http request', run: (quick) => benchSendNode(quick ? 1000 : 10_000, [1, 16]) },
  { id: 3, title: 'blazwa-trigger vs http in + http response', run: (quick) => benchTrigger(quick ? 2000 : 20_000, 32) },
  { id: 4, title: 'memory after many sends through the send node', run: (quick) => benchMemory(quick ? 10_000 : 100_000) },
  { id: 5, title: 'pacing at 10 msgs/s', run: (quick) => benchPacing(quick ? 100 : 1000) },
  { id: 6, title: 'n8n Blazwa node vs HTTP Request node', run: (quick) => benchN8nNode(quick ? 200 : 1000) },
  { id: 7, title: 'n8n pace per account across executions', run: () => benchN8nPacing(50) },
  { id: 8, title: 'send node queue vs delay node; durable outbox cost', run: (quick) => benchQueue(quick ? 4000 : 20_000, quick ? 1200 : 6000) },
];

const args = process.argv.slice(2).filter((arg) => arg !== '--');
const quick = args.includes('--quick');
const only = onlyBenches(args);

const figures: Figure[] = [];
try {
  for (const bench of benches) {
    if (only && !only.has(bench.id)) continue;
    console.log(`bench ${bench.id}: ${bench.title} …`);
    try {
      figures.push(...(await bench.run(quick)));
    } catch (error) {
      // One broken bench must not hide the others' figures.
      process.exitCode = 1;
      console.error(error);
      figures.push({
        bench: `${bench.id} ${bench.title}`,
        compares: 'the bench failed',
        baseline: '—',
        candidate: '—',
        ratio: NaN,
        goal: '—',
        met: false,
        notes: error instanceof Error ? error.message : String(error),
      });
    }
  }
} finally {
  await stopSharedNodeRed();
}

// A partial run does not replace the full table.
const name = only ? 'partial' : 'latest';
const table = writeReport(figures, new URL('../results/', import.meta.url), { name, quick });
console.log(`\n${table}\n\nWritten to bench/results/${name}.md and ${name}.json`);

/** `--only 2,3` or `--only=2`: the benches to run; `undefined` runs them all. */
function onlyBenches(argv: string[]): Set<number> | undefined {
  const index = argv.findIndex((arg) => arg === '--only' || arg.startsWith('--only='));
  if (index < 0) return undefined;
  const value = argv[index]!.includes('=') ? argv[index]!.slice('--only='.length) : argv[index + 1];
  const ids = new Set((value ?? '').split(',').filter(Boolean).map(Number));
  const known = new Set(benches.map((bench) => bench.id));
  if (ids.size === 0 || [...ids].some((id) => !known.has(id))) {
    throw new Error(`--only takes bench numbers separated by commas, from ${[...known].join(', ')}; got ${value ?? 'nothing'}`);
  }
  return ids;
}
