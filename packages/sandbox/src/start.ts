import { buildServer } from './server.js';
import { injectInbound } from './inbound.js';
import { Lifecycle } from './lifecycle.js';
import { Store } from './state.js';
import type { Sandbox, SandboxOptions } from './types.js';

/**
 * Starts a sandbox Blazwa server on a real socket. `await close()` when done.
 *
 * ```ts
 * const sandbox = await startSandbox();
 * const client = createNodeClient({ baseUrl: sandbox.url, apiKey: sandbox.apiKey });
 * ```
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const store = new Store(options);
  const lifecycle = new Lifecycle();
  const app = await buildServer(store, lifecycle);
  const host = options.host ?? '127.0.0.1';
  await app.listen({ port: options.port ?? 0, host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 0);
  let closed = false;
  return {
    url: `http://${displayHost(host)}:${port}`,
    apiKey: store.apiKeys[0]!,
    state: store.view(),
    async close() {
      if (closed) return;
      closed = true;
      lifecycle.close();
      await app.close();
    },
    pair: () => store.pair(),
    unpair: () => store.unpair(),
    inject: (message) => injectInbound(store, message),
    fault: (spec) => void store.addFault(spec),
    reset: () => store.reset(),
  };
}

/** A wildcard address is not somewhere to send requests to; its loopback is. */
function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
