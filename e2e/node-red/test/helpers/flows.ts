// The flows deployed: the package's own examples, read from the installed package (what Import → Examples offers),
// with the account pointed at the sandbox as a user would fill in the config node.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type FlowNode = Record<string, unknown> & { id: string; type: string };

function example(installedPackage: string, file: string): FlowNode[] {
  return JSON.parse(readFileSync(join(installedPackage, 'examples', file), 'utf8')) as FlowNode[];
}

function only(nodes: FlowNode[], type: string): FlowNode {
  const found = nodes.filter((node) => node.type === type);
  if (found.length !== 1) throw new Error(`expected one ${type} node in the example, found ${found.length}`);
  return found[0]!;
}

export interface ExampleFlows {
  flows: FlowNode[];
  /** The inject node of "send a message", and what it sends to whom. */
  inject: { id: string; phoneNumber: string; payload: string };
  /** The trigger's path, made long and random as the example tells users to. */
  triggerPath: string;
}

/**
 * "Send a message" (inject → send) and "auto-reply bot" (trigger → switch → send) together, as after importing both:
 * they share the config node, which gets the sandbox as server, this Node-RED as its public URL and the API key.
 */
export function exampleFlows(installedPackage: string, options: { sandboxUrl: string; publicBaseUrl: string; apiKey: string }): ExampleFlows {
  const send = example(installedPackage, 'send-a-message.json');
  const autoReply = example(installedPackage, 'auto-reply-bot.json');
  const config = only(send, 'blazwa-config');
  if (only(autoReply, 'blazwa-config').id !== config.id) throw new Error('the examples no longer share their config node');
  const triggerPath = `/blazwa/${randomBytes(16).toString('hex')}`;

  const flows = [...send, ...autoReply.filter((node) => node.type !== 'blazwa-config')].map((node): FlowNode => {
    if (node.id === config.id) {
      return {
        ...node,
        server: 'custom',
        baseUrl: options.sandboxUrl,
        publicBaseUrl: options.publicBaseUrl,
        credentials: { apiKey: options.apiKey },
      };
    }
    if (node.type === 'blazwa-trigger') return { ...node, path: triggerPath };
    return node;
  });

  const injectNode = only(send, 'inject') as FlowNode & { props: Array<{ p: string; v: string }> };
  const prop = (name: string) => injectNode.props.find((entry) => entry.p === name)!.v;
  return { flows, inject: { id: injectNode.id, phoneNumber: prop('phoneNumber'), payload: prop('payload') }, triggerPath };
}
