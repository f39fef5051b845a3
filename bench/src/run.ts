// `pnpm bench`: every figure is a ratio against a baseline measured in this same run; nothing here is a test.
import { benchCoreClient } from './core-client.ts';
import { writeReport, type Figure } from './report.ts';

const quick = process.argv.includes('--quick');
const figures: Figure[] = [];

console.log('bench 1: core client vs raw undici …');
figures.push(...(await benchCoreClient(quick ? 1000 : 10_000, quick ? 2000 : 20_000)));

const table = writeReport(figures, new URL('../results/', import.meta.url));
console.log(`\n${table}\n\nWritten to bench/results/latest.md and latest.json`);
