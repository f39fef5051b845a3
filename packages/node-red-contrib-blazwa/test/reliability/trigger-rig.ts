// A blazwa-trigger in a real embedded Node-RED, registered with the sandbox (so its config node has used the API
// key), wired to a sink whose every received msg is recorded and shown to the leak watch; deliveries go over real
// HTTP through one undici pool. Shared by the trigger's reliability tests.
import { randomBytes } from 'node:crypto';
import { startSandbox, type Sandbox } from '@blazwa/sandbox';
import { Pool } from 'undici';
import { startNodeRed, type Embedded } from '../embedded.js';
import { until } from '../support.js';
import { afterAll, beforeAll, expect } from 'vitest';
import { API_KEY, LeakWatch, trapProcessErrors, watchOutput } from './harness.js';

export interface Answer {
  status: number;
  text: string;
}

export interface TriggerRig {
  nodeRed: Embedded;
  sandbox: Sandbox;
  /** The trigger's path: its only secret, a random token as the editor makes one. */
  path: string;
  /** `payload` of every msg the sink received, in arrival order. */
  received: string[];
  /** POSTs `body` to `/hooks<path>` (the trigger's path by default); no content type unless given. */
  post(body: string | Uint8Array, options?: { contentType?: string; path?: string; headers?: Record<string, string> }): Promise<Answer>;
  deploy(trigger?: Record<string, unknown>): Promise<void>;
  /** Logs, statuses, every msg a blazwa node sent and the exported flows and credentials, into the watch. */
  scanRuntime(): Promise<void>;
  close(): Promise<void>;
}

export async function startTriggerRig(watch: LeakWatch, connections = 16): Promise<TriggerRig> {
  const sandbox = await startSandbox({ paired: true, apiKeys: [API_KEY] });
  const nodeRed = await startNodeRed();
  const path = `/blazwa/${randomBytes(16).toString('hex')}`;
  const pool = new Pool(nodeRed.url, { connections });
  const received: string[] = [];
  nodeRed.RED.hooks.add('onReceive.reliability', (event: { msg: Record<string, unknown>; destination: { id: string } }) => {
    if (event.destination.id !== 'sink') return;
    received.push(String(event.msg.payload));
    watch.scan('a msg from the trigger', event.msg);
  });

  const rig: TriggerRig = {
    nodeRed,
    sandbox,
    path,
    received,
    async post(body, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      if (options.contentType !== undefined) headers['content-type'] = options.contentType;
      const response = await pool.request({ method: 'POST', path: `/hooks${options.path ?? path}`, headers, body });
      return { status: response.statusCode, text: await response.body.text() };
    },
    async deploy(trigger = {}) {
      await nodeRed.deploy([
        { id: 'tab1', type: 'tab', label: 'WhatsApp' },
        {
          id: 'acc1',
          type: 'blazwa-config',
          name: 'Toko',
          server: 'custom',
          baseUrl: sandbox.url,
          timeout: 30,
          minInterval: 0,
          publicBaseUrl: nodeRed.url,
          credentials: { apiKey: API_KEY },
        },
        {
          id: 'trig1',
          type: 'blazwa-trigger',
          z: 'tab1',
          name: 'Incoming',
          path,
          account: 'acc1',
          register: true,
          allowFrom: '',
          wires: [['sink']],
          ...trigger,
        },
        { id: 'sink', type: 'debug', z: 'tab1', active: false, wires: [] },
      ]);
      await until(() => sandbox.state.webhook === `${nodeRed.url}/hooks${path}`, 'the trigger to register its URL', 60_000);
    },
    async scanRuntime() {
      watch.scan('Node-RED log', nodeRed.logs);
      watch.scan('node statuses', nodeRed.statuses);
      watch.scan('msgs sent by blazwa nodes', nodeRed.sent);
      // Each checked for what it must hold, so an empty answer cannot pass as a clean one.
      const flows = await nodeRed.adminGet('/flows');
      if (!flows.includes('"blazwa-config"')) throw new Error(`GET /flows has no config node: ${flows.slice(0, 200)}`);
      watch.scan('GET /flows', flows);
      const credentials = await nodeRed.adminGet('/credentials/blazwa-config/acc1');
      if (!credentials.includes('"has_apiKey":true')) throw new Error(`GET /credentials does not know the key is set: ${credentials}`);
      watch.scan('GET /credentials of the config node', credentials);
      watch.scan('sandbox request log', sandbox.state.requests);
    },
    async close() {
      nodeRed.RED.hooks.remove('onReceive.reliability');
      await pool.close();
      await nodeRed.stop();
      await sandbox.close();
    },
  };
  return rig;
}

/**
 * One deployed rig for a test file, with what every such file ends on: the API key nowhere the runtime or the output
 * showed it, and no unhandled rejection or uncaught exception. `onStart` receives the rig once it is up.
 */
export function useTriggerRig(connections: number, hooks: { onStart: (rig: TriggerRig) => void; beforeClose?: (rig: TriggerRig) => void }): void {
  const watch = new LeakWatch(API_KEY);
  const trap = trapProcessErrors();
  let restoreOutput: () => void;
  let rig: TriggerRig;

  beforeAll(async () => {
    restoreOutput = watchOutput(watch);
    rig = await startTriggerRig(watch, connections);
    await rig.deploy();
    hooks.onStart(rig);
  });

  afterAll(async () => {
    hooks.beforeClose?.(rig);
    await rig.scanRuntime();
    await rig.close();
    restoreOutput();
    trap.release();
    expect(watch.found, 'places the API key showed up').toEqual([]);
    expect(trap.seen).toEqual([]);
  });
}
