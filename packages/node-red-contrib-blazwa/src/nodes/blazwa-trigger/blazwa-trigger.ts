import { BlazwaError, normalizePhoneNumber, parseInboundMessage } from '@blazwa/core';
import { readBody, BodyTooLarge } from '../../lib/body.js';
import { accountOf } from '../../lib/config-node.js';
import { shortReason } from '../../lib/errors.js';
import type { Handler, Node, NodeAPI, NodeDef } from '../../lib/red.js';
import { forgetWebhook, rememberWebhook } from '../../lib/webhooks.js';
import { httpMiddleware, normalizePath, publicUrl, removeRoute } from './routes.js';

/** A WhatsApp text is at most 65,536 characters; this leaves room for the JSON around it. */
const MAX_BODY_BYTES = 256 * 1024;

export = function (RED: NodeAPI): void {
  function BlazwaTrigger(this: Node, def: NodeDef): void {
    RED.nodes.createNode(this, def);
    const node = this;
    const path = normalizePath(def.path);
    if (!path) {
      node.status({ fill: 'red', shape: 'ring', text: RED._('blazwa-trigger.status.no-path') });
      node.warn(RED._('blazwa-trigger.warn.no-path'));
      return;
    }
    const allowFrom = parseAllowList(def.allowFrom);
    let received = 0;

    const onDelivery: Handler = (req, res) => {
      readBody(req, MAX_BODY_BYTES).then(
        (body) => {
          let inbound;
          try {
            inbound = parseInboundMessage(body);
          } catch (error) {
            const reason = error instanceof Error ? error.message : String(error);
            res.status(400).json({ error: 'bad-request', message: reason });
            node.warn(RED._('blazwa-trigger.warn.bad-body', { reason }));
            return;
          }
          // The service only needs to know it arrived; the flow's work must not hold its request open.
          res.status(200).json({ ok: true });
          if (allowFrom && !allowFrom.has(inbound.from)) return;
          received++;
          node.status({ fill: 'green', shape: 'dot', text: RED._('blazwa-trigger.status.received', { count: received }) });
          node.send({
            payload: inbound.message,
            from: inbound.from,
            topic: inbound.from,
            blazwa: { receivedAt: inbound.receivedAt, raw: inbound.raw },
          });
        },
        (error: unknown) => {
          if (error instanceof BodyTooLarge) {
            res.status(413).json({ error: 'too-large', message: `body larger than ${MAX_BODY_BYTES} bytes` });
            node.warn(RED._('blazwa-trigger.warn.too-large', { limit: MAX_BODY_BYTES }));
          } else {
            res.status(400).json({ error: 'bad-request', message: 'body could not be read' });
          }
        },
      );
    };
    RED.httpNode.post(path, ...httpMiddleware(RED), onDelivery);

    type Registered = Awaited<ReturnType<typeof startRegistration>>;
    let registered: Registered;
    const registration = def.register === true ? startRegistration(RED, node, def, path).then((result) => (registered = result)) : undefined;

    node.on('close', (removed, done) => {
      removeRoute(RED.httpNode, path);
      if (!removed || !registration) return done();
      // Reset only when the node is deleted and the account's webhook is still the one this node set.
      const reset = (target: Registered): void => {
        if (!target || !forgetWebhook(target.accountId, target.url)) return done();
        target
          .reset()
          .catch((error: unknown) => node.warn(RED._('blazwa-trigger.warn.reset-failed', { reason: error instanceof Error ? error.message : String(error) })))
          .finally(done);
      };
      // Started before returning when possible: a config node removed in the same deploy closes its connections next.
      if (registered) reset(registered);
      else void registration.then(reset);
    });
  }

  /** Registers this node's URL as the account's webhook; resolves to what a removal needs to undo it, if it worked. */
  function startRegistration(
    RED: NodeAPI,
    node: Node,
    def: NodeDef,
    path: string,
  ): Promise<{ accountId: string; url: string; reset: () => Promise<unknown> } | undefined> {
    const account = accountOf(RED, def.account);
    if (account instanceof BlazwaError || !account.publicBaseUrl) {
      const key = account instanceof BlazwaError ? 'no-account' : 'no-public-url';
      node.status({ fill: 'red', shape: 'ring', text: RED._(`blazwa-trigger.status.${key}`) });
      node.warn(RED._(`blazwa-trigger.warn.${key}`));
      return Promise.resolve(undefined);
    }
    const url = publicUrl(RED, account.publicBaseUrl, path);
    const accountId = String(def.account);
    node.status({ fill: 'yellow', shape: 'ring', text: RED._('blazwa-trigger.status.registering') });
    return account.call((client) => client.setWebhook(url)).then(
      () => {
        rememberWebhook(accountId, url);
        node.status({ fill: 'green', shape: 'ring', text: RED._('blazwa-trigger.status.registered') });
        return { accountId, url, reset: () => account.call((client) => client.resetWebhook()) };
      },
      (error: unknown) => {
        node.status({ fill: 'red', shape: 'ring', text: shortReason(error) });
        node.error(RED._('blazwa-trigger.warn.register-failed', { reason: error instanceof Error ? error.message : String(error) }));
        return undefined;
      },
    );
  }

  RED.nodes.registerType('blazwa-trigger', BlazwaTrigger);
};

/** The senders to accept, normalized; `undefined` accepts everyone. Entries split on commas, semicolons or new lines. */
function parseAllowList(value: unknown): Set<string> | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const numbers = new Set<string>();
  for (const entry of value.split(/[,;\n]+/)) {
    if (entry.trim() === '') continue;
    try {
      numbers.add(normalizePhoneNumber(entry, 'allowFrom'));
    } catch {
      // An entry without digits cannot match any sender; the editor's validator flags it.
    }
  }
  return numbers;
}
