import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { faultAnswer, unauthorized, type Answer } from '../answers.js';
import { takeFault } from '../faults.js';
import { HANDLERS } from '../handlers.js';
import type { Lifecycle } from '../lifecycle.js';
import { redactHeaders } from '../redact.js';
import type { Store } from '../state.js';
import type { ApiOperation } from '../types.js';

const ROUTES: ReadonlyArray<{ method: 'GET' | 'POST'; url: string; operation: ApiOperation }> = [
  { method: 'GET', url: '/restart', operation: 'restart' },
  { method: 'POST', url: '/status', operation: 'status' },
  { method: 'POST', url: '/login-qr', operation: 'login-qr' },
  { method: 'GET', url: '/check-number/:phoneNumber', operation: 'check-number' },
  { method: 'POST', url: '/message', operation: 'message' },
  { method: 'POST', url: '/message-group', operation: 'message-group' },
  { method: 'POST', url: '/webhook', operation: 'webhook' },
  { method: 'GET', url: '/webhook/reset', operation: 'webhook/reset' },
];

/** nginx's status for a request whose client closed the connection before the answer. */
const CLIENT_CLOSED = 499;

/**
 * The eight operations, mounted under a prefix (`/openapi/wa`, `/backend/openapi/wa`). Per request: the key is
 * checked, a queued fault (if any) is taken, the operation runs, and the exchange is logged with the key redacted.
 */
export function apiRoutes(store: Store, lifecycle: Lifecycle) {
  return async function register(app: FastifyInstance): Promise<void> {
    const operations = new WeakMap<FastifyRequest, ApiOperation>();
    // When each request arrived: the log is written at the answer, but pacing is about when requests came.
    const arrivals = new WeakMap<FastifyRequest, number>();
    const logged = new WeakSet<FastifyRequest>();

    const log = (request: FastifyRequest, status: number) => {
      if (logged.has(request)) return;
      logged.add(request);
      const operation = operations.get(request);
      store.logRequest({
        method: request.method,
        path: request.url,
        ...(operation ? { operation } : {}),
        status,
        body: request.body,
        headers: redactHeaders(request.headers),
        at: arrivals.get(request) ?? Date.now(),
      });
    };

    app.addHook('onRequest', async (request, reply) => {
      arrivals.set(request, Date.now());
      const key = request.headers['x-api-key'];
      if (typeof key !== 'string' || key === '') {
        return send(reply, unauthorized('Unauthorized: the X-API-KEY header is missing'));
      }
      if (!store.apiKeys.includes(key)) return send(reply, unauthorized('Unauthorized: the API key is not valid'));
    });
    app.addHook('onResponse', async (request, reply) => log(request, reply.statusCode));

    // A client that gives up during a delay fault gets no response, but its request still happened: log it then.
    const delay = async (request: FastifyRequest, ms: number) => {
      const gaveUp = () => log(request, CLIENT_CLOSED);
      request.raw.socket.once('close', gaveUp);
      try {
        await lifecycle.sleep(ms);
      } finally {
        request.raw.socket.off('close', gaveUp);
      }
    };

    const drop = (request: FastifyRequest, reply: FastifyReply) => {
      log(request, 0);
      reply.hijack();
      request.raw.socket.destroy();
    };

    for (const route of ROUTES) {
      app.route({
        method: route.method,
        url: route.url,
        handler: async (request, reply) => {
          operations.set(request, route.operation);
          const fault = takeFault(store.faults, route.operation);
          if (fault) store.changed();
          if (fault?.drop) return drop(request, reply);
          if (fault?.status) {
            if (fault.delayMs) await delay(request, fault.delayMs);
            return send(reply, faultAnswer(fault));
          }
          const answer = await HANDLERS[route.operation](store, {
            body: request.body,
            query: (request.query ?? {}) as Record<string, unknown>,
            params: (request.params ?? {}) as Record<string, string>,
          });
          // Processed (and recorded) before the delay: a client that gives up waiting has still sent its message.
          if (fault?.delayMs) await delay(request, fault.delayMs);
          if (fault?.dropAfterProcessing) return drop(request, reply);
          return send(reply, answer);
        },
      });
    }
  };
}

function send(reply: FastifyReply, answer: Answer): FastifyReply {
  reply.code(answer.status);
  if (answer.headers) reply.headers(answer.headers);
  return reply.send(answer.body);
}
