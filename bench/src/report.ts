import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

/** One line of the table: what was compared, both measures, their ratio and the goal it is held to. */
export interface Figure {
  bench: string;
  compares: string;
  baseline: string;
  candidate: string;
  ratio: number;
  /** e.g. `≤ 1.05`, `≥ 0.95` */
  goal: string;
  met: boolean;
  notes?: string;
}

export function goal(ratio: number, op: '≤' | '≥', target: number): { ratio: number; goal: string; met: boolean } {
  return { ratio, goal: `${op} ${target}`, met: op === '≤' ? ratio <= target : ratio >= target };
}

export function machine(): string {
  const cpu = cpus();
  return `${cpu.length} × ${cpu[0]?.model.trim() ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}`;
}

export function writeReport(figures: Figure[], directory: URL): string {
  const header = '| bench | compares | baseline | candidate | ratio | goal | met |\n| --- | --- | --- | --- | --- | --- | --- |';
  const rows = figures.map((f) => `| ${f.bench} | ${f.compares} | ${f.baseline} | ${f.candidate} | ${f.ratio.toFixed(3)} | ${f.goal} | ${f.met ? 'yes' : '**no**'} |`);
  const notes = figures.filter((f) => f.notes).map((f) => `- ${f.bench}: ${f.notes}`);
  const table = [header, ...rows].join('\n');
  const markdown = `# Benchmarks\n\nRun ${new Date().toISOString()} on ${machine()}.\nEvery ratio compares two measures taken in the same run, on the same machine.\n\n${table}\n${notes.length ? `\n${notes.join('\n')}\n` : ''}`;
  mkdirSync(directory, { recursive: true });
  writeFileSync(new URL('latest.md', directory), markdown);
  writeFileSync(new URL('latest.json', directory), `${JSON.stringify({ machine: machine(), at: new Date().toISOString(), figures }, null, 2)}\n`);
  return table;
}
