import formbody from '@fastify/formbody';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { CODES } from './answers.js';
import type { Lifecycle } from './lifecycle.js';
import { apiRoutes } from './routes/api.js';
import { consoleRoutes } from './routes/console.js';
import { controlRoutes } from './routes/control.js';
import type { Store } from './state.js';

const ACCEPTED = 'send application/x-www-form-urlencoded or application/json';

/** The whole sandbox as a Fastify app: the API (twice: plain and Kasirpintar's `/backend`), control, console. */
export async function buildServer(store: Store, lifecycle: Lifecycle): Promise<FastifyInstance> {
  // forceCloseConnections: close() must not wait for a keep-alive client to go away.
  // exposeHeadRoutes off: a HEAD must not restart the service or reset the webhook.
  const app = Fastify({ logger: false, forceCloseConnections: true, exposeHeadRoutes: false, bodyLimit: 1024 * 1024 });

  // Only the two body types the documents use; Fastify's text/plain parser would let anything through.
  app.removeAllContentTypeParsers();
  await app.register(formbody);
  // Our own JSON parser: an empty body reads as no fields (as lenient servers do), and a broken one is named.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, text, done) => {
    const source = String(text);
    if (source.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(source));
    } catch (error) {
      done(bodyError(`body is not valid JSON (${(error as Error).message})`), undefined);
    }
  });

  app.setErrorHandler((error: FastifyError, _request, reply) => {
    const status = error.statusCode ?? 500;
    if (status < 500) {
      const line =
        error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
          ? `body has a content type the API does not accept: ${ACCEPTED}`
          : error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
            ? 'body is too large'
            : error.message;
      return reply.code(400).send({ message: 'The given data was invalid.', errors: [line], code: CODES.invalid });
    }
    return reply.code(500).send({ message: 'Internal server error', error: error.message, code: CODES.serverError });
  });

  await app.register(apiRoutes(store, lifecycle), { prefix: '/openapi/wa' });
  await app.register(apiRoutes(store, lifecycle), { prefix: '/backend/openapi/wa' });
  await app.register(controlRoutes(store), { prefix: '/_sandbox' });
  await app.register(consoleRoutes);
  return app;
}

function bodyError(message: string): FastifyError {
  return Object.assign(new Error(message), { statusCode: 400, code: 'BLAZWA_SANDBOX_BAD_BODY', name: 'BadBody' }) as FastifyError;
}
