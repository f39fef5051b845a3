import { DEFAULT_TIMEOUT_MS } from '@blazwa/core';
import { Account } from '../../lib/account.js';
import { releaseAccountQueue, useAccountQueue } from '../../lib/queues.js';
import { registerAdminEndpoints } from './admin.js';
import type { Node, NodeAPI, NodeDef } from '../../lib/red.js';
import { numberSetting } from '../../lib/settings.js';

interface BlazwaConfigNode extends Node {
  account: Account;
}

/** Defaults a non-developer can leave alone: a 30 s answer limit, and two seconds between messages. */
const DEFAULT_TIMEOUT_S = DEFAULT_TIMEOUT_MS / 1000;
const DEFAULT_MIN_INTERVAL_S = 2;
/** Past this many waiting messages a flow is sending faster than the account can for a long time. */
const DEFAULT_MAX_WAITING = 10_000;

export = function (RED: NodeAPI): void {
  function BlazwaConfig(this: BlazwaConfigNode, def: NodeDef): void {
    RED.nodes.createNode(this, def);
    const minIntervalMs = numberSetting(def.minInterval, DEFAULT_MIN_INTERVAL_S, 0) * 1000;
    // Saved before this setting existed: on, as a new node has it.
    const durable = def.keepWaiting !== false && def.keepWaiting !== 'false';
    this.account = new Account(
      {
        server: typeof def.server === 'string' ? def.server : undefined,
        baseUrl: typeof def.baseUrl === 'string' ? def.baseUrl : undefined,
        apiKey: this.credentials?.apiKey,
        timeoutMs: numberSetting(def.timeout, DEFAULT_TIMEOUT_S, 1) * 1000,
        minIntervalMs,
        publicBaseUrl: typeof def.publicBaseUrl === 'string' ? def.publicBaseUrl : undefined,
        maxWaiting: Math.floor(numberSetting(def.maxWaiting, DEFAULT_MAX_WAITING, 1)),
      },
      (identity) => useAccountQueue(RED, { configId: this.id, identity, minIntervalMs, durable }),
    );
    this.on('close', (_removed, done) => {
      releaseAccountQueue(this.id, this.account.identity);
      // Not awaited: a send under way on a slow server must not hold up a deploy or a stop (its answer still comes).
      this.account.close().catch((error: unknown) => this.warn(error));
      done();
    });
  }

  RED.nodes.registerType('blazwa-config', BlazwaConfig, { credentials: { apiKey: { type: 'password' } } });
  registerAdminEndpoints(RED);
};
