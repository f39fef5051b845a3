import { DEFAULT_TIMEOUT_MS } from '@blazwa/core';
import { Account } from '../../lib/account.js';
import { registerAdminEndpoints } from './admin.js';
import type { Node, NodeAPI, NodeDef } from '../../lib/red.js';
import { numberSetting } from '../../lib/settings.js';

interface BlazwaConfigNode extends Node {
  account: Account;
}

/** Defaults a non-developer can leave alone: a 30 s answer limit, and two seconds between messages. */
const DEFAULT_TIMEOUT_S = DEFAULT_TIMEOUT_MS / 1000;
const DEFAULT_MIN_INTERVAL_S = 2;

export = function (RED: NodeAPI): void {
  function BlazwaConfig(this: BlazwaConfigNode, def: NodeDef): void {
    RED.nodes.createNode(this, def);
    this.account = new Account({
      server: typeof def.server === 'string' ? def.server : undefined,
      baseUrl: typeof def.baseUrl === 'string' ? def.baseUrl : undefined,
      apiKey: this.credentials?.apiKey,
      timeoutMs: numberSetting(def.timeout, DEFAULT_TIMEOUT_S, 1) * 1000,
      minIntervalMs: numberSetting(def.minInterval, DEFAULT_MIN_INTERVAL_S, 0) * 1000,
      publicBaseUrl: typeof def.publicBaseUrl === 'string' ? def.publicBaseUrl : undefined,
    });
    this.on('close', (_removed, done) => {
      this.account.close().then(done, done);
    });
  }

  RED.nodes.registerType('blazwa-config', BlazwaConfig, { credentials: { apiKey: { type: 'password' } } });
  registerAdminEndpoints(RED);
};
