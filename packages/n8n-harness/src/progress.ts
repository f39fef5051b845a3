/** Progress on stderr, for the CI log and the demo's terminal: where the minutes of a cold run go. */
export function progress(message: string): void {
  process.stderr.write(`[n8n ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}
