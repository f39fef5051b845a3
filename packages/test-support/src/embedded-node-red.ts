// A real Node-RED embedded the documented way (`RED.init(server, settings)`, `RED.start()`) on one http server,
// with node-red-contrib-blazwa linked into its user folder as `npm install` would place it. The bench and the demo
// start it; node-red and the package resolve from the caller, so each runs the Node-RED it declares.
import { randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface EmbeddedNodeRedOptions {
  /** The caller's `import.meta.url`: `node-red` and `node-red-contrib-blazwa` resolve from there. */
  resolveFrom: string;
  /** Another Node-RED to run (its folder), as the Node-RED package's test matrix does with BLAZWA_NODE_RED. */
  nodeRedDir?: string;
  /** The node-red-contrib-blazwa folder to link, when the caller is that package itself. */
  packageDir?: string;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: a port the kernel picks. */
  port?: number;
  /** The user folder, kept on stop; by default a temporary one, removed on stop. */
  userDir?: string;
  /** Default `/admin`, so the admin app's body parsers stay off `httpNode` routes. */
  httpAdminRoot?: string;
  /** Default `/`. */
  httpNodeRoot?: string;
  /** Merged over the defaults (flows.json, a fresh credential secret, no tours, telemetry or palette installs). */
  settings?: Record<string, unknown>;
}

/** Node-RED's event bus (`@node-red/util` `events`), for what a caller waits on. */
interface NodeRedEvents {
  on(event: string, listener: (...args: any[]) => void): void;
  once(event: string, listener: (...args: any[]) => void): void;
  off(event: string, listener: (...args: any[]) => void): void;
}

export interface EmbeddedNodeRed {
  /** The server's root: where `httpNode` routes answer with the default `httpNodeRoot`. */
  url: string;
  /** Where the admin API answers. */
  adminUrl: string;
  userDir: string;
  /** The runtime itself (`RED.nodes.getNode`, `RED.hooks`). Node-RED ships no types. */
  RED: any;
  events: NodeRedEvents;
  /** A full deploy through the admin API, with `token` when the admin API needs one; resolves once the new flows have started. */
  deploy(flows: readonly unknown[], token?: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startEmbeddedNodeRed(options: EmbeddedNodeRedOptions): Promise<EmbeddedNodeRed> {
  const callerRequire = createRequire(options.resolveFrom);
  const nodeRedPath = callerRequire.resolve(options.nodeRedDir ?? 'node-red');
  const nodeRedRequire = createRequire(nodeRedPath);
  const host = options.host ?? '127.0.0.1';
  const adminRoot = options.httpAdminRoot ?? '/admin';
  const nodeRoot = options.httpNodeRoot ?? '/';
  const ownsUserDir = options.userDir === undefined;
  const userDir = options.userDir ?? mkdtempSync(join(tmpdir(), 'blazwa-node-red-'));
  linkPackage(userDir, options.packageDir ?? dirname(callerRequire.resolve('node-red-contrib-blazwa/package.json')));

  const RED = callerRequire(nodeRedPath);
  const express = nodeRedRequire('express');
  const { events } = nodeRedRequire('@node-red/util') as { events: NodeRedEvents };
  const app = express();
  const server: Server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const url = `http://${host}:${(server.address() as AddressInfo).port}`;
  const adminUrl = `${url}${adminRoot === '/' ? '' : adminRoot}`;
  RED.init(server, {
    userDir,
    flowFile: 'flows.json',
    credentialSecret: randomBytes(32).toString('hex'),
    uiHost: host,
    httpAdminRoot: adminRoot,
    httpNodeRoot: nodeRoot,
    editorTheme: { tours: false },
    externalModules: { autoInstall: false, palette: { allowInstall: false } },
    telemetry: { enabled: false },
    diagnostics: { enabled: false },
    ...options.settings,
  });
  app.use(adminRoot, RED.httpAdmin);
  app.use(nodeRoot, RED.httpNode);
  const firstStart = new Promise((resolve) => events.once('flows:started', resolve));
  await RED.start();
  await firstStart;

  return {
    url,
    adminUrl,
    userDir,
    RED,
    events,
    async deploy(flows, token) {
      // The admin API answers before the new flows have started.
      const started = new Promise((resolve) => events.once('flows:started', resolve));
      const response = await fetch(`${adminUrl}/flows`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'node-red-deployment-type': 'full',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(flows),
      });
      if (response.status >= 300) throw new Error(`Node-RED refused the flows: ${response.status} ${await response.text()}`);
      await started;
    },
    async stop() {
      await RED.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (ownsUserDir) rmSync(userDir, { recursive: true, force: true });
    },
  };
}

/** Linked, not copied: the workspace's own dependencies resolve through the link, and a rebuild shows at once. */
function linkPackage(userDir: string, packageDir: string): void {
  const modules = join(userDir, 'node_modules');
  mkdirSync(modules, { recursive: true });
  const link = join(modules, 'node-red-contrib-blazwa');
  if (!lstatSync(link, { throwIfNoEntry: false })) symlinkSync(packageDir, link, 'dir');
}
