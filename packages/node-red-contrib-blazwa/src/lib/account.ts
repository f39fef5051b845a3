import { BlazwaError, resolveBaseUrl, type BlazwaClient } from '@blazwa/core';
import { createNodeClient, type UndiciTransport } from '@blazwa/core/undici';
import type { AccountQueue } from './queue.js';
import { accountIdentity } from './queues.js';
import type { Node } from './red.js';

export interface AccountSettings {
  server?: string;
  baseUrl?: string;
  apiKey?: string;
  /** Longest wait for one answer, in milliseconds. */
  timeoutMs: number;
  /** Least time between two messages of this account, in milliseconds. */
  minIntervalMs: number;
  /** Where the Blazwa service can reach this Node-RED, for webhook registration. */
  publicBaseUrl?: string;
  /** Most messages waiting in the account's queue; one more goes to Catch at once. */
  maxWaiting: number;
}

/**
 * One WhatsApp account, as its config node holds it: the client, the queue all its messages go through (shared with
 * every config node of the same account, and outliving them all, see queues.ts), and the nodes using it. A setting
 * that cannot work (no key, a bad URL) does not throw at deploy: every call fails with the reason, so the nodes using
 * it say what to fix.
 */
export class Account {
  /** Server, address and a hash of the key: never the key. */
  readonly identity: string;
  readonly maxWaiting: number;
  readonly publicBaseUrl: string | undefined;
  /** Where the key goes (the server's base URL), or `undefined` when the settings cannot work. */
  readonly baseUrl: string | undefined;
  readonly #queue: AccountQueue | undefined;
  readonly #client: BlazwaClient | undefined;
  readonly #transport: UndiciTransport | undefined;
  readonly #setupError: BlazwaError | undefined;
  readonly #users = new Set<Node>();

  /** The account of a node that names no config node (or one since deleted): no client, no queue. */
  static unchosen(): Account {
    return new Account({ timeoutMs: 0, minIntervalMs: 0, maxWaiting: 0 }, undefined);
  }

  /** Without `queueOf` there is no config node behind the account: its setup error says to pick one. */
  constructor(settings: AccountSettings, queueOf: ((identity: string) => AccountQueue) | undefined) {
    this.identity = accountIdentity(settings);
    this.maxWaiting = settings.maxWaiting;
    this.publicBaseUrl = settings.publicBaseUrl?.trim() || undefined;
    if (!queueOf) {
      this.#setupError = BlazwaError.input('account', 'No Blazwa account chosen: open this node and pick (or add) a Blazwa config node in "Account"');
      return;
    }
    this.#queue = queueOf(this.identity);
    let baseUrl: string | undefined;
    try {
      if (!settings.apiKey || settings.apiKey.trim() === '') {
        throw BlazwaError.input(
          'apiKey',
          'API key is empty: open the Blazwa config node and paste the key from your Blazwa / Kasirpintar WA dashboard',
        );
      }
      const { client, transport } = createNodeClient({
        ...(settings.server ? { server: settings.server } : {}),
        ...(settings.baseUrl ? { baseUrl: settings.baseUrl } : {}),
        apiKey: settings.apiKey,
        timeoutMs: settings.timeoutMs,
        apiKeyLocation: 'the Blazwa config node',
      });
      this.#client = client;
      this.#transport = transport;
      baseUrl = resolveBaseUrl(settings.server, settings.baseUrl);
    } catch (error) {
      this.#setupError = error instanceof BlazwaError ? error : BlazwaError.input('server', String(error));
    }
    this.baseUrl = baseUrl;
  }

  /** Why this account cannot be used, or `undefined` when it can. */
  get setupError(): BlazwaError | undefined {
    return this.#setupError;
  }

  /** Whether a config node stands behind this account (it may still have a setup error). */
  get chosen(): boolean {
    return this.#queue !== undefined;
  }

  /** The queue every message of this account goes through; only a chosen account has one. */
  get queue(): AccountQueue {
    if (!this.#queue) throw this.#setupError!;
    return this.#queue;
  }

  /** Runs one API call with this account's client; rejects with the setup error when the config node is incomplete. */
  async withClient<T>(operation: (client: BlazwaClient) => Promise<T>): Promise<T> {
    if (!this.#client) throw this.#setupError!;
    // `return await`: an async function that returns a promise adopts it, two ticks more on every send.
    return await operation(this.#client);
  }

  register(node: Node): void {
    this.#users.add(node);
  }

  deregister(node: Node): void {
    this.#users.delete(node);
  }

  get users(): number {
    return this.#users.size;
  }

  /** Connections close once the requests under way have their answers; waiting messages stay in the queue. */
  async close(): Promise<void> {
    await this.#transport?.close();
  }
}
