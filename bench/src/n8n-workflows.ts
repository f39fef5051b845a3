// The workflows bench 6 runs: each item `{ phone, text }` becomes one sendMessage call to the same sandbox, either
// through the Blazwa node or through n8n's HTTP Request node set up as the API documents describe the call.
import { blazwaNode, n8nNode } from '@blazwa/test-support/n8n-workflows';
import type { IConnections, INode } from 'n8n-workflow';

import { HTTP_REQUEST_TYPE, LOOP_TYPE, START_TYPE } from './n8n-engine.ts';

export interface BenchWorkflow {
  nodes: INode[];
  connections: IConnections;
  /** The node whose output items are the sends' results. */
  sender: string;
}

const start: INode = n8nNode({ id: 'start', name: 'Start', type: START_TYPE });

const main = (node: string, index = 0) => ({ node, type: 'main' as const, index });

export function blazwaWorkflow(): BenchWorkflow {
  const blazwa: INode = blazwaNode(
    'Blazwa',
    { resource: 'message', operation: 'sendToNumber', phoneNumber: '={{ $json.phone }}', message: '={{ $json.text }}', options: {} },
    { id: 'blazwa', name: 'Blazwa account' },
    { id: 'blazwa', position: [200, 0] },
  );
  return { nodes: [start, blazwa], connections: { Start: { main: [[main('Blazwa')]] } }, sender: 'Blazwa' };
}

/** POST {base}/openapi/wa/message, form body phoneNumber + message, the key in an X-API-KEY header credential. */
function httpRequestNode(baseUrl: string, typeVersion: number): INode {
  return n8nNode({
    id: 'http',
    name: 'HTTP Request',
    type: HTTP_REQUEST_TYPE,
    typeVersion,
    position: [400, 0],
    parameters: {
      method: 'POST',
      url: `${baseUrl}/openapi/wa/message`,
      authentication: 'genericCredentialType',
      genericAuthType: 'httpHeaderAuth',
      sendBody: true,
      contentType: 'form-urlencoded',
      bodyParameters: {
        parameters: [
          { name: 'phoneNumber', value: '={{ $json.phone }}' },
          { name: 'message', value: '={{ $json.text }}' },
        ],
      },
      options: {},
    },
    credentials: { httpHeaderAuth: { id: 'header', name: 'Blazwa key header' } },
  });
}

/** The HTTP Request node as it runs by default: every item's request started at once. */
export function httpRequestWorkflow(baseUrl: string, typeVersion: number): BenchWorkflow {
  return {
    nodes: [start, httpRequestNode(baseUrl, typeVersion)],
    connections: { Start: { main: [[main('HTTP Request')]] } },
    sender: 'HTTP Request',
  };
}

/**
 * What an n8n user builds to send one message at a time, in order, with the HTTP Request node: Loop Over Items
 * (batch size 1) around it.
 */
export function loopedHttpRequestWorkflow(baseUrl: string, httpVersion: number, loopVersion: number): BenchWorkflow {
  const loop: INode = n8nNode({
    id: 'loop',
    name: 'Loop Over Items',
    type: LOOP_TYPE,
    typeVersion: loopVersion,
    position: [200, 0],
    parameters: { batchSize: 1, options: {} },
  });
  return {
    nodes: [start, loop, httpRequestNode(baseUrl, httpVersion)],
    connections: {
      Start: { main: [[main('Loop Over Items')]] },
      // Output 0 is "done", output 1 "loop".
      'Loop Over Items': { main: [[], [main('HTTP Request')]] },
      'HTTP Request': { main: [[main('Loop Over Items')]] },
    },
    sender: 'HTTP Request',
  };
}
