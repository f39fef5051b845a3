/** Progress for the CI log: where the minutes of a cold run go. */
export function progress(message: string): void {
  process.stderr.write(`[e2e-n8n ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}
