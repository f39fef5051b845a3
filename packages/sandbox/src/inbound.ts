import type { Store } from './state.js';
import type { Delivery, InboundInput } from './types.js';
import { deliver } from './webhook-delivery.js';

export class NoWebhookError extends Error {
  override readonly name = 'NoWebhookError';
  constructor() {
    super('No webhook is set: register one with POST /openapi/wa/webhook (a Blazwa trigger node does this) before sending an inbound message');
  }
}

/** An incoming WhatsApp message: POSTed to the webhook as the service would, and the delivery recorded. */
export async function injectInbound(store: Store, input: InboundInput): Promise<Delivery> {
  if (!store.webhook) throw new NoWebhookError();
  const delivery = await deliver(store.webhook, { ...input }, store.webhookTimeoutMs);
  store.logDelivery(delivery);
  return delivery;
}
