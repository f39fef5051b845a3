import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
// The express Node-RED itself runs on, as the package's tests and the bench take it.
const nodeRedRequire = createRequire(require.resolve('node-red'));

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
  mkdirSync(join(options.userDir, 'node_modules'), { recursive: true });
  // Linked, not copied: a rebuild of the package shows on the next demo start.
  const packageDir = dirname(require.resolve('node-red-contrib-blazwa/package.json'));
  symlinkSync(packageDir, join(options.userDir, 'node_modules', 'node-red-contrib-blazwa'), 'dir');
  writeFileSync(
    join(options.userDir, 'package.json'),
    JSON.stringify({ name: 'blazwa-demo', private: true, dependencies: { 'node-red-contrib-blazwa': '*' } }, null, 2),
  );

  const RED = require('node-red');
  const express = nodeRedRequire('express');
  const { events } = nodeRedRequire('@node-red/util') as { events: { once(event: string, listener: () => void): void } };
  const app = express();
  const server: Server = createServer(app);
  RED.init(server, {
    userDir: options.userDir,
    flowFile: 'flows.json',
    // A new key at every start, as the folder is new at every start: the demo's API key (a real one with
    // BLAZWA_API_KEY) is stored encrypted, and the key itself is written nowhere.
    credentialSecret: randomBytes(32).toString('hex'),
    uiHost: options.host,
    uiPort: options.port,
    httpAdminRoot: '/',
    httpNodeRoot: '/',
    functionGlobalContext: {},
    logging: { console: { level: 'info', metrics: false, audit: false } },
    editorTheme: { tours: false, projects: { enabled: false }, palette: { catalogues: [] } },
    externalModules: { autoInstall: false, palette: { allowInstall: false } },
    telemetry: { enabled: false },
    diagnostics: { enabled: false },
  });
  app.use('/', RED.httpAdmin);
  app.use('/', RED.httpNode);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  await RED.start();
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://${options.host}:${port}`;
  // A deploy, as the editor makes one: only credentials that come in with a deploy are encrypted on the way to disk
  // (a flows_cred.json written beforehand would stay plain text until the next one).
  const started = new Promise<void>((resolve) => events.once('flows:started', resolve));
  const deployed = await fetch(`${url}/flows`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'node-red-deployment-type': 'full' },
    body: JSON.stringify(options.flows.map((node) => withCredentials(node, options.credentials))),
  });
  if (!deployed.ok) throw new Error(`Node-RED refused the demo flows: ${deployed.status} ${await deployed.text()}`);
  // The admin API answers before the new flows have started.
  await started;
  return {
    url,
    async stop() {
      await RED.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function withCredentials(node: unknown, credentials: NodeRedOptions['credentials']): unknown {
  const id = (node as { id?: unknown }).id;
  return typeof id === 'string' && credentials[id] ? { ...(node as object), credentials: credentials[id] } : node;
}
