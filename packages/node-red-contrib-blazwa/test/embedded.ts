// A real Node-RED on 127.0.0.1 with this package installed in its user folder, for what the test helper cannot
// reach: httpNode routes, deploys through the admin API, logs and exported flows.
import { mkdtempSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
// BLAZWA_NODE_RED=/path/to/node_modules/node-red runs these tests on another Node-RED version.
const nodeRedPath = process.env.BLAZWA_NODE_RED ? require.resolve(process.env.BLAZWA_NODE_RED) : require.resolve('node-red');
const nodeRedRequire = createRequire(nodeRedPath);
const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface Embedded {
  url: string;
  RED: any;
  logs: string[];
  statuses: Array<{ id: string; status: Record<string, unknown> }>;
  /** Every msg a blazwa node sent, as it left the node. */
  sent: Array<{ type: string; msg: Record<string, any> }>;
  /** A full deploy through the admin API; `token` when the admin API needs one. */
  deploy(flows: object[], token?: string): Promise<void>;
  adminGet(path: string): Promise<string>;
  userDir: string;
  /** What `httpNodeMiddleware` does from now on; the default lets every request through. */
  setNodeMiddleware(middleware: Middleware | undefined): void;
  stop(): Promise<void>;
}

type Middleware = (req: any, res: any, next: () => void) => void;

export async function startNodeRed(settings: Record<string, unknown> = {}): Promise<Embedded> {
  const RED = require(nodeRedPath);
  const express = nodeRedRequire('express');
  const { events } = nodeRedRequire('@node-red/util');
  const userDir = mkdtempSync(join(tmpdir(), 'blazwa-node-red-'));
  mkdirSync(join(userDir, 'node_modules'));
  // As `npm install` of the package would place it; the workspace's own dependencies resolve through the link.
  symlinkSync(packageDir, join(userDir, 'node_modules', 'node-red-contrib-blazwa'), 'dir');

  const logs: string[] = [];
  const statuses: Embedded['statuses'] = [];
  const sent: Embedded['sent'] = [];
  let nodeMiddleware: Middleware | undefined;
  const app = express();
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  RED.init(server, {
    userDir,
    flowFile: 'flows.json',
    credentialSecret: 'a-test-secret',
    httpAdminRoot: '/admin',
    httpNodeRoot: '/hooks',
    editorTheme: { tours: false },
    externalModules: { autoInstall: false, palette: { allowInstall: false } },
    telemetry: { enabled: false },
    diagnostics: { enabled: false },
    logging: {
      console: { level: 'off' },
      capture: {
        level: 'trace',
        metrics: false,
        audit: true,
        handler: () => (entry: { msg?: unknown }) => logs.push(typeof entry.msg === 'string' ? entry.msg : String(JSON.stringify(entry.msg))),
      },
    },
    // Settings are read when a node starts; this indirection lets a test change the middleware between deploys.
    httpNodeMiddleware: (req: any, res: any, next: () => void) => (nodeMiddleware ? nodeMiddleware(req, res, next) : next()),
    ...settings,
  });
  app.use('/admin', RED.httpAdmin);
  app.use('/hooks', RED.httpNode);
  const onStatus = (event: { id: string; status: Record<string, unknown> }): void => {
    statuses.push(event);
  };
  events.on('node-status', onStatus);
  RED.hooks.add('onSend.blazwa-test', (sendEvents: Array<{ source: { node: { type: string } }; msg: Record<string, any> }>) => {
    for (const event of sendEvents)
      if (event.source.node.type.startsWith('blazwa-')) sent.push({ type: event.source.node.type, msg: JSON.parse(JSON.stringify(event.msg)) });
  });
  const firstStart = new Promise((resolve) => events.once('flows:started', resolve));
  await RED.start();
  await firstStart;

  return {
    url,
    RED,
    logs,
    statuses,
    sent,
    userDir,
    setNodeMiddleware(middleware) {
      nodeMiddleware = middleware;
    },
    async deploy(flows, token) {
      // The admin API answers before the new flows have started.
      const started = new Promise((resolve) => events.once('flows:started', resolve));
      const response = await fetch(`${url}/admin/flows`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'node-red-deployment-type': 'full', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(flows),
      });
      if (response.status >= 300) throw new Error(`deploy failed: ${response.status} ${await response.text()}`);
      await started;
    },
    async adminGet(path) {
      const response = await fetch(`${url}/admin${path}`);
      return response.text();
    },
    async stop() {
      RED.hooks.remove('onSend.blazwa-test');
      events.off('node-status', onStatus);
      await RED.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(userDir, { recursive: true, force: true });
    },
  };
}
