// Loads these nodes into node-red-node-test-helper's runtime and waits for what they do.
import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Sandbox } from '@blazwa/sandbox';

const require = createRequire(import.meta.url);

export interface TestHelper {
  init(nodeRedPath: string, settings?: Record<string, unknown>): void;
  startServer(done: (err?: Error) => void): void;
  stopServer(done: (err?: Error) => void): void;
  load(nodes: unknown[], flow: object[], credentials?: Record<string, unknown>): Promise<void>;
  unload(): Promise<void>;
  getNode(id: string): TestNode;
  request(): any;
  log(): { args: unknown[][] };
}

export interface TestNode {
  id: string;
  on(event: string, listener: (...args: any[]) => void): void;
  receive(msg: Record<string, unknown>): void;
}

export const helper = require('node-red-node-test-helper') as TestHelper;
// BLAZWA_NODE_RED=/path/to/node_modules/node-red runs these tests on another Node-RED version.
helper.init(process.env.BLAZWA_NODE_RED ? require.resolve(process.env.BLAZWA_NODE_RED) : require.resolve('node-red'));

// The workspace's packageExtensions give node-red 4 the @node-red/registry of node-red 5, with its own
// @node-red/util: the RED.events nodes get is then not the one the runtime emits "flows:started" on. A Node-RED
// installed by npm has one copy (e2e/node-red runs that); here the runtime's flow events and log are joined up.
{
  const nodeRed = process.env.BLAZWA_NODE_RED ? require.resolve(process.env.BLAZWA_NODE_RED) : require.resolve('node-red');
  // Where the helper takes the registry from: node_modules/node-red/lib/red.js → node_modules/@node-red/registry.
  const registryUtil = join(dirname(nodeRed), '..', '..', '@node-red', 'registry', 'lib', 'util.js');
  type Util = { events: NodeJS.EventEmitter; log: { log(entry: unknown): void } };
  const api = createRequire(realpathSync(registryUtil))('@node-red/util') as Util;
  const runtime = helper as unknown as { _events: NodeJS.EventEmitter; _log: Util['log'] };
  if (api.events !== runtime._events) {
    for (const name of ['flows:starting', 'flows:started', 'flows:stopping', 'flows:stopped']) {
      runtime._events.on(name, (...args: unknown[]) => api.events.emit(name, ...args));
    }
    // RED.log.warn(…) of a node module, into the log the helper watches (helper.log()).
    api.log.log = (entry) => runtime._log.log(entry);
  }
}

export const configNode = require('../dist/nodes/blazwa-config.js');
export const sendNode = require('../dist/nodes/blazwa-send.js');
export const statusNode = require('../dist/nodes/blazwa-status.js');

export const startServer = (): Promise<void> => new Promise((resolve, reject) => helper.startServer((err) => (err ? reject(err) : resolve())));
export const stopServer = (): Promise<void> => new Promise((resolve, reject) => helper.stopServer((err) => (err ? reject(err) : resolve())));

/** A config node on the sandbox; `minInterval` in seconds. */
export function configFor(sandbox: Sandbox, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: 'account', type: 'blazwa-config', name: 'Test account', server: 'custom', baseUrl: sandbox.url, timeout: 5, minInterval: 0, ...extra };
}

export function credentialsFor(sandbox: Sandbox, apiKey = sandbox.apiKey): Record<string, unknown> {
  return { account: { apiKey } };
}

/** A catch node for every error of the flow, wired to a helper node `caught`. */
export const catchAll = [
  { id: 'catcher', type: 'catch', z: 'flow', scope: null, uncaught: false, wires: [['caught']] },
  { id: 'caught', type: 'helper', z: 'flow' },
];

/** The flow's tab, and every node without a `z` put on it (config nodes stay global). */
export function onTab(nodes: Array<Record<string, unknown>>): object[] {
  return [
    { id: 'flow', type: 'tab', label: 'test' },
    ...nodes.map((node) => (node.type === 'blazwa-config' || node.z ? node : { ...node, z: 'flow' })),
  ];
}

/** Every msg a node receives, and a way to wait for the n-th one. */
export function collect(node: TestNode): { messages: Record<string, any>[]; next(count?: number): Promise<Record<string, any>[]> } {
  const messages: Record<string, any>[] = [];
  const waiters: Array<{ count: number; resolve: (value: Record<string, any>[]) => void }> = [];
  node.on('input', (msg: Record<string, any>) => {
    messages.push(msg);
    for (const waiter of [...waiters]) {
      if (messages.length >= waiter.count) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(messages.slice());
      }
    }
  });
  return {
    messages,
    next(count = messages.length + 1) {
      if (messages.length >= count) return Promise.resolve(messages.slice());
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
  };
}

/** Every call a node makes to `status`, `warn`, `error` or `log`, by method. */
export function calls(node: TestNode, method: 'status' | 'warn' | 'error' | 'log'): unknown[][] {
  const seen: unknown[][] = [];
  node.on(`call:${method}`, (call: { args: unknown[] }) => seen.push(call.args));
  return seen;
}

export function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const check = (): void => {
      if (condition()) return resolve();
      if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(check, 20);
    };
    check();
  });
}
