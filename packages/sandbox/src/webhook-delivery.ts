import type { Delivery } from './types.js';

const RESPONSE_PREVIEW = 500;

/**
 * POSTs one inbound message to the webhook as the service does (JSON), and says how it went. Never throws: a
 * webhook that is down is something to show, not a sandbox failure.
 */
export async function deliver(url: string, body: unknown, timeoutMs: number): Promise<Delivery> {
  const at = Date.now();
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'blazwa-sandbox' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    const delivery: Delivery = { url, status: response.status, latencyMs: latency(), body, at };
    if (text) delivery.response = text.slice(0, RESPONSE_PREVIEW);
    if (!response.ok) delivery.error = `the webhook answered ${response.status}`;
    return delivery;
  } catch (error) {
    return { url, latencyMs: latency(), error: describe(error, timeoutMs), body, at };
  }
}

function describe(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `the webhook did not answer within ${timeoutMs} ms`;
  }
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
  const detail = cause ? `${cause.message}` : error instanceof Error ? error.message : String(error);
  return `the webhook could not be reached: ${detail}`;
}
