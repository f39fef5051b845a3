import { createSenderFilter, parseInboundMessage } from '@blazwa/core';
import { readBody, BodyTooLarge } from '../../lib/body.js';
import { countText } from '../../lib/count-text.js';
import type { Handler, Node, NodeAPI, NodeDef } from '../../lib/red.js';
import { forgetWebhook } from '../../lib/webhooks.js';
import { startRegistration, type Registration } from './registration.js';
import { httpMiddleware, normalizePath, removeRoute } from './routes.js';

/** A WhatsApp text is at most 65,536 characters; this leaves room for the JSON around it. */
const MAX_BODY_BYTES = 256 * 1024;

// Every accepted delivery gets this same answer, written straight to Node's response: Express's res.json would parse
// the content type and hash the body for an ETag on each one, a tenth of a delivery's cost for a fixed text.
const ACCEPTED = Buffer.from(JSON.stringify({ ok: true }));
const ACCEPTED_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'content-length': String(ACCEPTED.length) };

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
    // The editor flags entries without digits; at run time they are skipped.
    const fromAllowed = createSenderFilter(typeof def.allowFrom === 'string' ? def.allowFrom : '', { field: 'allowFrom', ignoreInvalid: true });
    let received = 0;
    const receivedText = countText(RED, 'blazwa-trigger.status.received');

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
          res.writeHead(200, ACCEPTED_HEADERS).end(ACCEPTED);
          if (!fromAllowed(inbound.from)) return;
          received++;
          node.status({ fill: 'green', shape: 'dot', text: receivedText(received) });
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

    let registered: Registration | undefined;
    const registration = def.register === true ? startRegistration(RED, node, def, path).then((result) => (registered = result)) : undefined;

    node.on('close', (removed, done) => {
      removeRoute(RED.httpNode, path);
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
