// A real Node-RED embedded with node-red-contrib-blazwa linked into its user folder (test-support's harness, as the
// demo starts it), with what a bench needs on top: msgs handed to a node, msgs seen at one, and what went wrong.
import { startEmbeddedNodeRed } from '@blazwa/test-support/embedded-node-red';

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
  const problems: string[] = [];
  const nodeRed = await startEmbeddedNodeRed({
    resolveFrom: import.meta.url,
    settings: {
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
    },
  });

  const node = (id: string): any => {
    const found = nodeRed.RED.nodes.getNode(id);
    if (!found) throw new Error(`no node ${id} in the deployed flows`);
    return found;
  };

  return {
    url: nodeRed.url,
    problems,
    async deploy(flows) {
      problems.length = 0;
      await nodeRed.deploy(flows);
    },
    inject(nodeId, msg) {
      node(nodeId).receive(msg);
    },
    onInput(nodeId, listener) {
      // Two arguments, so Node-RED does not wait for a done() from it: the node's own handler completes the msg.
      node(nodeId).on('input', (msg: Record<string, any>, _send: unknown) => listener(msg));
    },
    stop: () => nodeRed.stop(),
  };
}
