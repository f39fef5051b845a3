import { setTimeout as sleep } from 'node:timers/promises';

export type Probe<T> = () => T | undefined | Promise<T | undefined>;

/**
 * Asks `probe` every 250 ms until it gives a value, for at most `timeoutMs`; then fails saying what it waited for and
 * what `said` tells of the instance meanwhile (n8n's log), since a bare timeout explains nothing.
 */
export async function until<T>(what: string, probe: Probe<T>, timeoutMs: number, said: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await sleep(250);
  }
  throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}\n${said()}`);
}
