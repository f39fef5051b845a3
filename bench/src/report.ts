import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

/** One line of the table: what was compared, both measures, the figure that compares them and its goal. */
export interface Figure {
  bench: string;
  compares: string;
  baseline: string;
  candidate: string;
  /** The figure: a ratio by default, or a delta / count in `unit`. */
  ratio: number;
  /** Set when the figure is not a ratio: `MB`, `msgs`, … */
  unit?: string;
  /** e.g. `≤ 1.05`, `≥ 0.95`, `< 10 MB`, `1 ± 0.05` */
  goal: string;
  met: boolean;
  notes?: string;
}

type Op = '≤' | '≥' | '<' | '=';

/** The figure's value, its goal as text, and whether it met it; `unit` for a delta or a count instead of a ratio. */
export function goal(ratio: number, op: Op, target: number, unit?: string): { ratio: number; goal: string; met: boolean; unit?: string } {
  const met = op === '≤' ? ratio <= target : op === '≥' ? ratio >= target : op === '<' ? ratio < target : ratio === target;
  return { ratio, goal: `${op} ${target}${unit ? ` ${unit}` : ''}`, met, ...(unit ? { unit } : {}) };
}

/** A ratio held to `target`, give or take `tolerance` (0.05 for ±5 %). */
export function within(ratio: number, target: number, tolerance: number): { ratio: number; goal: string; met: boolean } {
  return { ratio, goal: `${target} ± ${tolerance}`, met: Math.abs(ratio - target) <= tolerance };
}

export function machine(): string {
  const cpu = cpus();
  return `${cpu.length} × ${cpu[0]?.model.trim() ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}`;
}

function show(figure: Figure): string {
  if (!figure.unit) return figure.ratio.toFixed(3);
  const value = Number.isInteger(figure.ratio) ? String(figure.ratio) : figure.ratio.toFixed(2);
  return `${value} ${figure.unit}`;
}

export interface ReportOptions {
  /** Written as `<name>.md` and `<name>.json`; default `latest`. */
  name?: string;
  /** The run used the `--quick` sizes. */
  quick?: boolean;
}

/** Writes the table to `<directory>/<name>.md` and the figures to `.json`; returns the table. */
export function writeReport(figures: Figure[], directory: URL, options: ReportOptions = {}): string {
  const name = options.name ?? 'latest';
  const sizes = options.quick ? ' with the `--quick` sizes' : '';
  const header = '| bench | compares | baseline | candidate | ratio / delta | goal | met |\n| --- | --- | --- | --- | --- | --- | --- |';
  const rows = figures.map(
    (f) => `| ${f.bench} | ${f.compares} | ${f.baseline} | ${f.candidate} | ${show(f)} | ${f.goal} | ${f.met ? 'yes' : '**no**'} |`,
  );
  const notes = figures.filter((f) => f.notes).map((f) => `- ${f.bench}: ${f.notes}`);
  const table = [header, ...rows].join('\n');
  const markdown = `# Benchmarks\n\nRun ${new Date().toISOString()}${sizes} on ${machine()}.\nEvery figure compares two measures taken in the same run, on the same machine.\n\n${table}\n${notes.length ? `\n${notes.join('\n')}\n` : ''}`;
  mkdirSync(directory, { recursive: true });
  writeFileSync(new URL(`${name}.md`, directory), markdown);
  writeFileSync(
    new URL(`${name}.json`, directory),
    `${JSON.stringify({ machine: machine(), at: new Date().toISOString(), quick: options.quick === true, figures }, null, 2)}\n`,
  );
  return table;
}
