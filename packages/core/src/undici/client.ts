import { BlazwaClient } from '../client.js';
import type { RetryOptions } from '../retry.js';
import { resolveBaseUrl } from '../servers.js';
import { nodeSleep, undiciTransport, type UndiciTransport } from './transport.js';

export interface NodeClientOptions {
  /** `blazwa` (default), `kasirpintar`, `kasirpintar-kpwa` or `custom` with `baseUrl`. */
  server?: string;
  baseUrl?: string;
  apiKey: string;
  timeoutMs?: number;
  connections?: number;
  retry?: RetryOptions | false;
  /** Where the user fixes a rejected key, named in a 401's message (see BlazwaClientOptions). */
  apiKeyLocation?: string;
}

/** A BlazwaClient over undici with Node's timers: what a Node program or Node-RED needs, in one call. */
export function createNodeClient(options: NodeClientOptions): { client: BlazwaClient; transport: UndiciTransport } {
  const transport = undiciTransport({
    baseUrl: resolveBaseUrl(options.server, options.baseUrl),
    apiKey: options.apiKey,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.connections === undefined ? {} : { connections: options.connections }),
    ...(options.apiKeyLocation === undefined ? {} : { apiKeyLocation: options.apiKeyLocation }),
  });
  const client = new BlazwaClient({
    transport,
    sleep: nodeSleep,
    now: Date.now,
    ...(options.retry === undefined ? {} : { retry: options.retry }),
    ...(options.apiKeyLocation === undefined ? {} : { apiKeyLocation: options.apiKeyLocation }),
  });
  return { client, transport };
}
