import { createSenderFilter } from '@blazwa/core';
import type { Node, NodeAPI, NodeDef } from '../../lib/red.js';
import { statusKey } from '../../lib/status.js';
import { forgetWebhook } from '../../lib/webhooks.js';
import { bypassAdminParsers } from './admin-parsers.js';
import { deliveryHandler } from './delivery.js';
import { startRegistration, type Registration } from './registration.js';
import { httpMiddleware, normalizePath, removeRoute } from './routes.js';
import { secretPathProblem } from './secret-path.js';

export = function (RED: NodeAPI): void {
  function BlazwaTrigger(this: Node, def: NodeDef): void {
    RED.nodes.createNode(this, def);
    const node = this;
    const refuse = (status: string, warning: string): void => {
      node.status({ fill: 'red', shape: 'ring', text: statusKey('blazwa-trigger', status) });
      node.warn(RED._(`blazwa-trigger.warn.${warning}`));
    };
    // An imported flow runs no editor code: a trigger from an example arrives with an empty path.
    if (typeof def.path !== 'string' || def.path.trim() === '') return refuse('no-secret-path', 'empty-path');
    const path = normalizePath(def.path);
    if (!path) return refuse('no-path', 'no-path');
    // Not started at all, so not registered either: a known path would let anyone make the flow send messages.
    const problem = secretPathProblem(path);
    if (problem) return refuse('no-secret-path', `${problem}-path`);
    // The editor flags entries without digits; at run time they are skipped.
    const fromAllowed = createSenderFilter(typeof def.allowFrom === 'string' ? def.allowFrom : '', { field: 'allowFrom', ignoreInvalid: true });
    const onDelivery = deliveryHandler(RED, node, fromAllowed);
    RED.httpNode.post(path, ...httpMiddleware(RED), onDelivery);
    const stopBypass = bypassAdminParsers(RED, path);

    let registered: Registration | undefined;
    const registration = def.register === true ? startRegistration(RED, node, def, path).then((result) => (registered = result)) : undefined;

    node.on('close', (removed, done) => {
      removeRoute(RED.httpNode, path);
      stopBypass();
      if (!removed || !registration) return done();
      // Reset only when the node is deleted and the account's webhook is still the one this node set.
      const reset = (target: Registration | undefined): void => {
        if (!target || !forgetWebhook(target.accountId, target.url)) return done();
        target
          .reset()
          .catch((error: unknown) =>
            node.warn(RED._('blazwa-trigger.warn.reset-failed', { reason: error instanceof Error ? error.message : String(error) })),
          )
          .finally(done);
      };
      // Started before returning when possible: a config node removed in the same deploy closes its connections next.
      if (registered) reset(registered);
      else void registration.then(reset);
    });
  }

  RED.nodes.registerType('blazwa-trigger', BlazwaTrigger);
};
