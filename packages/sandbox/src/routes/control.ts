import type { FastifyInstance, FastifyReply } from 'fastify';
import { injectInbound, NoWebhookError } from '../inbound.js';
import { qrPng } from '../qr.js';
import { qrAsOf, qrRotateMsOf, statusAsOf, type Store } from '../state.js';
import type { FaultSpec, InboundInput } from '../types.js';

/**
 * `/_sandbox/…`: what a phone, a contact or a flaky network would do, and a window on what happened. Not part of
 * the real API, and open without a key: the sandbox listens on 127.0.0.1 only by default.
 */
export function controlRoutes(store: Store) {
  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/state', async () => store.snapshot());
    app.post('/pair', async () => {
      store.pair();
      return { paired: true, status: 'connected' };
    });
    app.post('/unpair', async () => {
      store.unpair();
      return { paired: false, status: 'qr' };
    });
    app.get('/qr.png', async (_request, reply) => {
      reply.header('cache-control', 'no-store').type('image/png');
      return qrPng(store.qrText);
    });

    app.post('/inbound', async (request, reply) => {
      const body = objectOf(request.body);
      const problems = ['from', 'message'].filter((field) => typeof body?.[field] !== 'string' || body[field] === '');
      if (!body || problems.length > 0) {
        return badRequest(reply, `${problems.join(' and ') || 'body'} missing: send JSON like {"from": "6281234567890", "message": "Halo"}`);
      }
      try {
        return await injectInbound(store, body as InboundInput);
      } catch (error) {
        if (error instanceof NoWebhookError) return reply.code(409).send({ message: error.message });
        throw error;
      }
    });

    app.post('/faults', async (request, reply) => {
      const specs = Array.isArray(request.body) ? request.body : [request.body];
      try {
        for (const spec of specs) store.addFault(spec as FaultSpec);
      } catch (error) {
        return badRequest(reply, (error as Error).message);
      }
      return { faults: store.faults };
    });
    app.delete('/faults', async () => clear(store.faults, store));

    app.post('/options', async (request, reply) => {
      const body = objectOf(request.body) ?? {};
      if (body.restartUnpairs !== undefined) store.restartUnpairs = body.restartUnpairs === true || body.restartUnpairs === 'true';
      if (body.webhookTimeoutMs !== undefined) {
        const ms = Number(body.webhookTimeoutMs);
        if (!Number.isFinite(ms) || ms <= 0) return badRequest(reply, 'webhookTimeoutMs must be a number of milliseconds > 0');
        store.webhookTimeoutMs = ms;
      }
      try {
        if (body.qrAs !== undefined) store.qrAs = qrAsOf(body.qrAs);
        if (body.qrRotateMs !== undefined) store.qrRotateMs = qrRotateMsOf(body.qrRotateMs);
        if (body.statusAs !== undefined) store.statusAs = statusAsOf(body.statusAs);
      } catch (error) {
        return badRequest(reply, (error as Error).message);
      }
      store.changed();
      const { restartUnpairs, webhookTimeoutMs, qrAs, qrRotateMs, statusAs } = store;
      return { restartUnpairs, webhookTimeoutMs, qrAs, qrRotateMs, statusAs };
    });

    app.get('/outbox', async () => store.outbox);
    app.delete('/outbox', async () => clear(store.outbox, store));
    app.get('/deliveries', async () => store.deliveries);
    app.delete('/deliveries', async () => clear(store.deliveries, store));
    app.get('/requests', async () => store.requests);
    app.delete('/requests', async () => clear(store.requests, store));
    app.post('/reset', async () => {
      store.reset();
      return store.snapshot();
    });
  };
}

function objectOf(body: unknown): Record<string, unknown> | undefined {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
}

function badRequest(reply: FastifyReply, message: string): FastifyReply {
  return reply.code(400).send({ message });
}

function clear(list: unknown[], store: Store): { cleared: number } {
  const cleared = list.length;
  list.length = 0;
  store.changed();
  return { cleared };
}
