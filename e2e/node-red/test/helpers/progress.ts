/** Progress for the CI log: where the time of a cold run goes. */
export function progress(message: string): void {
  process.stderr.write(`[e2e-node-red ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}
