// Bench 7: one pace per account across n8n executions. The package's auto-reply example (its Blazwa node, fed by a
// pass-through start node instead of the trigger) runs 50 times at once, as 50 messages arriving together start it,
// on a credential paced at 0.2 s; the sandbox's outbox says when each reply arrived.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { NODES_PACKAGE_DIR } from '@blazwa/n8n-harness';
import type { INode } from 'n8n-workflow';

import { START_TYPE, startEngine } from './n8n-engine.ts';
import { goal, type Figure } from './report.ts';
import { startSandboxProcess } from './sandbox-process.ts';

const INTERVAL_S = 0.2;

function autoReplyWorkflow(): { nodes: INode[]; connections: Record<string, unknown> } {
  const example = JSON.parse(readFileSync(join(NODES_PACKAGE_DIR, 'examples', 'auto-reply-to-incoming-messages.json'), 'utf8')) as {
    nodes: INode[];
  };
  const reply = example.nodes.find((node) => node.type === 'n8n-nodes-blazwa.blazwa');
  if (!reply) throw new Error('the auto-reply example has no Blazwa node');
  const start: INode = { id: 'start', name: 'Start', type: START_TYPE, typeVersion: 1, position: [0, 0], parameters: {} };
  return {
    nodes: [start, { ...reply, credentials: { blazwaApi: { id: 'bench-7-paced', name: 'Blazwa account, paced' } } }],
    connections: { Start: { main: [[{ node: reply.name, type: 'main', index: 0 }]] } },
  };
}

export async function benchN8nPacing(count: number): Promise<Figure[]> {
  const sandbox = await startSandboxProcess({ paired: true });
  try {
    const engine = await startEngine({
      blazwaApi: { server: 'custom', baseUrl: sandbox.url, apiKey: sandbox.apiKey, minInterval: INTERVAL_S },
    });
    const workflow = autoReplyWorkflow();
    const senders = Array.from({ length: count }, (_, index) => `62813${String(10_000_000 + index)}`);
    const started = Date.now();
    const runs = await Promise.all(
      senders.map(
        async (from, index) => await engine.run(workflow as never, [{ from, message: `Halo ${index}`, receivedAt: new Date().toISOString() }]),
      ),
    );
    const seconds = (Date.now() - started) / 1000;
    const outbox = await sandbox.outbox();
    await sandbox.reset();

    const arrivals = outbox.map((entry) => entry.at).sort((a, b) => a - b);
    const gaps = arrivals.slice(1).map((at, index) => at - arrivals[index]!);
    const smallest = Math.min(...gaps);
    // Each reply quotes the message it answers, so its text says which sender it went to.
    const replied = new Set(outbox.map((entry) => Number(/"Halo (\d+)"/.exec(entry.body)?.[1] ?? -1)));
    const missing = senders.filter((_, index) => !replied.has(index)).length;
    const twice = outbox.length - replied.size;
    const failed = runs.filter((run) => run.status !== 'success').length;
    return [
      {
        bench: '7a n8n pace across executions',
        compares: `${count} auto-reply executions started at once, credential interval ${INTERVAL_S} s: smallest gap between two replies in the outbox ÷ the interval`,
        baseline: `${INTERVAL_S * 1000} ms configured`,
        candidate: `smallest gap ${smallest} ms, median ${median(gaps)} ms, all ${outbox.length} replies in ${seconds.toFixed(1)} s`,
        ...goal(smallest / (INTERVAL_S * 1000), '≥', 1),
      },
      {
        bench: '7b n8n pace: replies',
        compares: `the same ${count} executions: replies missing, plus replies sent twice, plus executions that did not succeed`,
        baseline: `${count} replies, one per sender`,
        candidate: `${outbox.length} replies, ${missing} missing, ${twice} twice, ${failed} executions not successful`,
        ...goal(missing + twice + failed, '=', 0, 'msgs'),
      },
    ];
  } finally {
    await sandbox.close();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}
