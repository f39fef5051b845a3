// A real Node-RED on 127.0.0.1 with this package installed in its user folder (test-support's embedded Node-RED, as
// the bench and the demo start it), for what the test helper cannot reach: httpNode routes, deploys through the admin
// API, logs and exported flows. On top of it: the captured log, every status and every msg our nodes send.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { startEmbeddedNodeRed } from '@blazwa/test-support/embedded-node-red';

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
  const logs: string[] = [];
  const statuses: Embedded['statuses'] = [];
  const sent: Embedded['sent'] = [];
  let nodeMiddleware: Middleware | undefined;
  const nodeRed = await startEmbeddedNodeRed({
    resolveFrom: import.meta.url,
    // BLAZWA_NODE_RED=/path/to/node_modules/node-red runs these tests on another Node-RED version.
    ...(process.env.BLAZWA_NODE_RED ? { nodeRedDir: process.env.BLAZWA_NODE_RED } : {}),
    packageDir,
    httpNodeRoot: '/hooks',
    settings: {
      credentialSecret: 'a-test-secret',
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
    },
  });
  const { RED, events } = nodeRed;
  const onStatus = (event: { id: string; status: Record<string, unknown> }): void => {
    statuses.push(event);
  };
  events.on('node-status', onStatus);
  RED.hooks.add('onSend.blazwa-test', (sendEvents: Array<{ source: { node: { type: string } }; msg: Record<string, any> }>) => {
    for (const event of sendEvents)
      if (event.source.node.type.startsWith('blazwa-')) sent.push({ type: event.source.node.type, msg: JSON.parse(JSON.stringify(event.msg)) });
  });

  return {
    url: nodeRed.url,
    RED,
    logs,
    statuses,
    sent,
    userDir: nodeRed.userDir,
    setNodeMiddleware(middleware) {
      nodeMiddleware = middleware;
    },
    deploy: (flows, token) => nodeRed.deploy(flows, token),
    async adminGet(path) {
      const response = await fetch(`${nodeRed.adminUrl}${path}`);
      return response.text();
    },
    async stop() {
      RED.hooks.remove('onSend.blazwa-test');
      events.off('node-status', onStatus);
      await nodeRed.stop();
    },
  };
}
