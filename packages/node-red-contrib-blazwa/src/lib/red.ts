// The few parts of Node-RED's runtime API these nodes use, typed here rather than pulling in @types/node-red.
import type { IncomingMessage, ServerResponse } from 'node:http';

export type NodeMessage = Record<string, unknown> & { payload?: unknown; topic?: string };

export interface NodeStatus {
  fill?: 'red' | 'green' | 'yellow' | 'blue' | 'grey';
  shape?: 'ring' | 'dot';
  text?: string;
}

export type SendFn = (msg: NodeMessage | null | Array<NodeMessage | null>) => void;
export type DoneFn = (err?: Error) => void;

export interface Node {
  id: string;
  type: string;
  name?: string;
  credentials?: Record<string, string | undefined>;
  on(event: 'input', listener: (msg: NodeMessage, send: SendFn, done: DoneFn) => void): void;
  on(event: 'close', listener: (removed: boolean, done: () => void) => void): void;
  send: SendFn;
  status(status: NodeStatus | Record<string, never>): void;
  log(message: unknown): void;
  warn(message: unknown): void;
  error(message: unknown, msg?: NodeMessage): void;
  context(): { get(key: string): unknown; set(key: string, value: unknown): void };
}

export interface NodeDef {
  id: string;
  type: string;
  name?: string;
  [key: string]: unknown;
}

export interface Request extends IncomingMessage {
  params: Record<string, string>;
  body?: unknown;
  _body?: boolean;
}

export interface Response extends ServerResponse {
  status(code: number): Response;
  json(body: unknown): Response;
  send(body?: unknown): Response;
}

export type Handler = (req: Request, res: Response, next: (err?: unknown) => void) => void;

export interface ExpressApp {
  get(path: string, ...handlers: Handler[]): void;
  post(path: string, ...handlers: Handler[]): void;
  _router?: { stack: RouteLayer[] };
  router?: { stack: RouteLayer[] };
}

export interface RouteLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** A JSONata expression Node-RED has parsed, to evaluate against many msgs. */
export type JSONataExpression = { readonly __jsonata: unique symbol };

export interface NodeAPI {
  nodes: {
    createNode(node: object, def: NodeDef): void;
    registerType<N extends Node>(
      type: string,
      constructor: (this: N, def: NodeDef) => void,
      options?: { credentials?: Record<string, { type: 'text' | 'password' }> },
    ): void;
    getNode(id: string): Node | null;
  };
  util: {
    evaluateNodeProperty(value: unknown, type: string, node: Node, msg: NodeMessage, callback: (err: Error | null, result: unknown) => void): void;
    prepareJSONataExpression(value: string, node: Node): JSONataExpression;
    evaluateJSONataExpression(expression: JSONataExpression, msg: NodeMessage, callback: (err: Error | null, result: unknown) => void): void;
  };
  settings: Record<string, unknown> & {
    httpNodeRoot?: string | false;
    httpNodeMiddleware?: Handler | Handler[];
    userDir?: string;
    nodeMessageBufferMaxLength?: number;
  };
  events: { on(event: string, listener: (...args: unknown[]) => void): void };
  log: { warn(message: unknown): void; info(message: unknown): void };
  httpAdmin: ExpressApp;
  httpNode: ExpressApp;
  auth: { needsPermission(permission: string): Handler };
  _(key: string, substitutions?: Record<string, unknown>): string;
}
