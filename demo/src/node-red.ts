import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { startEmbeddedNodeRed } from '@blazwa/test-support/embedded-node-red';

export interface NodeRedOptions {
  host: string;
  port: number;
  /** The demo's own user folder, made afresh: never the user's ~/.node-red. */
  userDir: string;
  flows: unknown[];
  /** Credentials by node id: deployed through Node-RED, which stores them encrypted in flows_cred.json. */
  credentials: Record<string, Record<string, string>>;
}

export interface RunningNodeRed {
  url: string;
  stop(): Promise<void>;
}

/** A real Node-RED, embedded the documented way, with node-red-contrib-blazwa linked in from the workspace. */
export async function startNodeRed(options: NodeRedOptions): Promise<RunningNodeRed> {
  rmSync(options.userDir, { recursive: true, force: true });
  mkdirSync(options.userDir, { recursive: true });
  writeFileSync(
    join(options.userDir, 'package.json'),
    JSON.stringify({ name: 'blazwa-demo', private: true, dependencies: { 'node-red-contrib-blazwa': '*' } }, null, 2),
  );
  // A new credential secret at every start, as the folder is new at every start: the demo's API key (a real one
  // with BLAZWA_API_KEY) is stored encrypted, and the secret itself is written nowhere.
  const nodeRed = await startEmbeddedNodeRed({
    resolveFrom: import.meta.url,
    host: options.host,
    port: options.port,
    userDir: options.userDir,
    // The editor at the root, as a user's own Node-RED has it.
    httpAdminRoot: '/',
    settings: {
      uiPort: options.port,
      functionGlobalContext: {},
      logging: { console: { level: 'info', metrics: false, audit: false } },
      editorTheme: { tours: false, projects: { enabled: false }, palette: { catalogues: [] } },
    },
  });
  try {
    // A deploy, as the editor makes one: only credentials that come in with a deploy are encrypted on the way to
    // disk (a flows_cred.json written beforehand would stay plain text until the next one).
    await nodeRed.deploy(options.flows.map((node) => withCredentials(node, options.credentials)));
  } catch (error) {
    await nodeRed.stop();
    throw error;
  }
  return { url: nodeRed.url, stop: () => nodeRed.stop() };
}

function withCredentials(node: unknown, credentials: NodeRedOptions['credentials']): unknown {
  const id = (node as { id?: unknown }).id;
  return typeof id === 'string' && credentials[id] ? { ...(node as object), credentials: credentials[id] } : node;
}
