import { parseInboundMessage, type InboundMessage } from '@blazwa/core';
import { BodyTooLarge, readBody } from '../../lib/body.js';
import { countText } from '../../lib/count-text.js';
import type { Handler, Node, NodeAPI, Response } from '../../lib/red.js';
import { cloneSafeRaw } from './raw.js';

/** A WhatsApp text is at most 65,536 characters; this leaves room for the JSON around it. */
export const MAX_BODY_BYTES = 256 * 1024;

// Every accepted delivery gets this same answer, written straight to Node's response: Express's res.json would parse
// the content type and hash the body for an ETag on each one, a tenth of a delivery's cost for a fixed text.
const ACCEPTED = Buffer.from(JSON.stringify({ ok: true }));
const ACCEPTED_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'content-length': String(ACCEPTED.length) };

/**
 * The route of one trigger: a delivery becomes one msg, or a 4xx that says why and a log line. Nothing a sender can
 * post may throw out of here: an exception escaping an Express route or a promise would stop Node-RED.
 */
export function deliveryHandler(RED: NodeAPI, node: Node, fromAllowed: (from: string) => boolean): Handler {
  let received = 0;

  const refuse = (res: Response, status: number, error: string, message: string, log: string): void => {
    if (!res.headersSent) res.status(status).json({ error, message });
    node.warn(log);
  };
  const tooLarge = (res: Response): void =>
    refuse(res, 413, 'too-large', `body larger than ${MAX_BODY_BYTES} bytes`, RED._('blazwa-trigger.warn.too-large', { limit: MAX_BODY_BYTES }));

  const accept = (body: Awaited<ReturnType<typeof readBody>>, res: Response): void => {
    const parsed = typeof body === 'string' ? body : body.parsed;
    let inbound: InboundMessage;
    try {
      inbound = parseInboundMessage(parsed);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return refuse(res, 400, 'bad-request', reason, RED._('blazwa-trigger.warn.bad-body', { reason }));
    }
    // Only a body parsed elsewhere can be larger than this node would have read.
    const copy = cloneSafeRaw(inbound.raw, typeof body === 'string' ? Infinity : MAX_BODY_BYTES);
    if ('tooLarge' in copy) return tooLarge(res);
    // The service only needs to know it arrived; the flow's work must not hold its request open.
    res.writeHead(200, ACCEPTED_HEADERS).end(ACCEPTED);
    if (!fromAllowed(inbound.from)) return;
    received++;
    node.status({ fill: 'green', shape: 'dot', text: countText.received(received) });
    node.send({
      payload: inbound.message,
      from: inbound.from,
      topic: inbound.from,
      blazwa: { receivedAt: inbound.receivedAt, ...(inbound.groupName ? { groupName: inbound.groupName } : {}), raw: copy.raw },
    });
  };

  return (req, res) => {
    readBody(req, MAX_BODY_BYTES)
      .then(
        (body) => accept(body, res),
        (error: unknown) => {
          if (error instanceof BodyTooLarge) return tooLarge(res);
          if (!res.headersSent) res.status(400).json({ error: 'bad-request', message: 'body could not be read' });
        },
      )
      .catch((error: unknown) => {
        // A bug of ours, not the sender's: said as one, answered, and never a crash.
        if (!res.headersSent) res.status(500).json({ error: 'failed', message: 'the delivery could not be handled' });
        node.error(RED._('blazwa-trigger.warn.delivery-failed', { reason: error instanceof Error ? error.message : String(error) }));
      });
  };
}
