import { startSandbox, type Sandbox } from '@blazwa/sandbox';
import { demoFlows } from './flows.ts';
import { startNodeRed, type RunningNodeRed } from './node-red.ts';
import { ensurePortFree, freePort } from './ports.ts';
import type { DemoSettings } from './settings.ts';

export interface RunningDemo {
  nodeRedUrl: string;
  /** Absent when the demo runs against the real service. */
  sandbox?: Sandbox;
  stop(): Promise<void>;
}

/** The sandbox (unless a real account is configured) and Node-RED with the demo flows deployed. */
export async function startDemo(settings: DemoSettings): Promise<RunningDemo> {
  await ensurePortFree(settings.nodeRedPort, settings.host, 'Node-RED', 'DEMO_NODE_RED_PORT');
  const nodeRedPort = settings.nodeRedPort === 0 ? await freePort(settings.host) : settings.nodeRedPort;
  let sandbox: Sandbox | undefined;
  if (!settings.real) {
    await ensurePortFree(settings.sandboxPort, settings.host, 'the Blazwa sandbox', 'DEMO_SANDBOX_PORT');
    // Paired, so the first click already sends; "Log out (unpair)" in the sandbox console shows the QR flow.
    sandbox = await startSandbox({ host: settings.host, port: settings.sandboxPort, paired: true });
  }
  let nodeRed: RunningNodeRed;
  try {
    const publicBaseUrl = `http://${settings.host}:${nodeRedPort}`;
    const account = settings.real
      ? { ...settings.real, publicBaseUrl }
      : { server: 'custom', baseUrl: sandbox!.url, apiKey: sandbox!.apiKey, publicBaseUrl };
    const { flows, credentials } = demoFlows(account);
    nodeRed = await startNodeRed({ host: settings.host, port: nodeRedPort, userDir: settings.userDir, flows, credentials });
  } catch (error) {
    await sandbox?.close();
    throw error;
  }
  return {
    nodeRedUrl: nodeRed.url,
    ...(sandbox ? { sandbox } : {}),
    async stop() {
      await nodeRed.stop();
      await sandbox?.close();
    },
  };
}
