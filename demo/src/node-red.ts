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
  /** Credentials by node id, stored unencrypted: the folder is the demo's and git ignores it. */
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
  writeFileSync(join(options.userDir, 'flows.json'), JSON.stringify(options.flows, null, 2));
  writeFileSync(join(options.userDir, 'flows_cred.json'), JSON.stringify(options.credentials, null, 2));

  const RED = require('node-red');
  const express = nodeRedRequire('express');
  const app = express();
  const server: Server = createServer(app);
  RED.init(server, {
    userDir: options.userDir,
    flowFile: 'flows.json',
    credentialSecret: false,
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
  return {
    url: `http://${options.host}:${port}`,
    async stop() {
      await RED.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
