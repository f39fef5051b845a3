// A real Node-RED embedded the documented way (`RED.init(server, settings)`, `RED.start()`), with
// node-red-contrib-blazwa linked into its user folder as npm would install it: the approach of the package's
// test/embedded.ts and the demo, cut down to what a bench needs.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const nodeRedPath = require.resolve('node-red');
const nodeRedRequire = createRequire(nodeRedPath);

export interface BenchNodeRed {
  /** Where `httpNode` routes (`http in`, blazwa-trigger) answer. */
  url: string;
  /** A full deploy; resolves once the new flows have started. */
  deploy(flows: object[]): Promise<void>;
  /** Hands `msg` to a node's input, as a wire from an upstream node would. */
  inject(nodeId: string, msg: Record<string, unknown>): void;
  /** Calls `listener` with every msg that reaches the node (an end-of-path node), until the next deploy. */
  onInput(nodeId: string, listener: (msg: Record<string, any>) => void): void;
  /** Warnings and errors Node-RED logged since the last deploy (the first 20), for a bench to say what failed. */
  problems: string[];
  stop(): Promise<void>;
}

let running: Promise<BenchNodeRed> | undefined;

/** Node-RED's runtime is one per process: every bench of this process shares it, and deploys its own flows. */
export function sharedNodeRed(): Promise<BenchNodeRed> {
  running ??= startNodeRed();
  return running;
}

export async function stopSharedNodeRed(): Promise<void> {
  if (!running) return;
  const nodeRed = await running.catch(() => undefined);
  running = undefined;
  await nodeRed?.stop();
}

async function startNodeRed(): Promise<BenchNodeRed> {
  // A proxy set for the machine must not carry the core `http request` node's calls to 127.0.0.1.
  for (const name of ['NO_PROXY', 'no_proxy']) process.env[name] = ['127.0.0.1', 'localhost', process.env[name]].filter(Boolean).join(',');
  const RED = require(nodeRedPath);
  const express = nodeRedRequire('express');
  const { events } = nodeRedRequire('@node-red/util');
  const userDir = mkdtempSync(join(tmpdir(), 'blazwa-bench-node-red-'));
  mkdirSync(join(userDir, 'node_modules'));
  symlinkSync(dirname(require.resolve('node-red-contrib-blazwa/package.json')), join(userDir, 'node_modules', 'node-red-contrib-blazwa'), 'dir');

  const problems: string[] = [];
  const app = express();
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  RED.init(server, {
    userDir,
    flowFile: 'flows.json',
    credentialSecret: 'bench-only-secret',
    httpAdminRoot: '/admin',
    httpNodeRoot: '/',
    editorTheme: { tours: false },
    externalModules: { autoInstall: false, palette: { allowInstall: false } },
    telemetry: { enabled: false },
    diagnostics: { enabled: false },
    logging: {
      console: { level: 'off' },
      bench: {
        level: 'warn',
        metrics: false,
        audit: false,
        handler: () => (entry: { msg?: unknown }) => {
          if (problems.length < 20) problems.push(entry.msg instanceof Error ? entry.msg.message : String(entry.msg));
        },
      },
    },
  });
  app.use('/admin', RED.httpAdmin);
  app.use('/', RED.httpNode);
  const firstStart = new Promise((resolve) => events.once('flows:started', resolve));
  await RED.start();
  await firstStart;

  const node = (id: string): any => {
    const found = RED.nodes.getNode(id);
    if (!found) throw new Error(`no node ${id} in the deployed flows`);
    return found;
  };

  return {
    url,
    problems,
    async deploy(flows) {
      // The admin API answers before the new flows have started.
      const started = new Promise((resolve) => events.once('flows:started', resolve));
      problems.length = 0;
      const response = await fetch(`${url}/admin/flows`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'node-red-deployment-type': 'full' },
        body: JSON.stringify(flows),
      });
      if (response.status >= 300) throw new Error(`deploy failed: ${response.status} ${await response.text()}`);
      await started;
    },
    inject(nodeId, msg) {
      node(nodeId).receive(msg);
    },
    onInput(nodeId, listener) {
      // Two arguments, so Node-RED does not wait for a done() from it: the node's own handler completes the msg.
      node(nodeId).on('input', (msg: Record<string, any>, _send: unknown) => listener(msg));
    },
    async stop() {
      await RED.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(userDir, { recursive: true, force: true });
    },
  };
}
