import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { PUBLIC_DIR } from '../paths.js';

const FILES: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/console.js': { file: 'console.js', type: 'text/javascript; charset=utf-8' },
  '/console.css': { file: 'console.css', type: 'text/css; charset=utf-8' },
};

/** The console page: plain files, no build step. */
export async function consoleRoutes(app: FastifyInstance): Promise<void> {
  for (const [url, { file, type }] of Object.entries(FILES)) {
    app.get(url, async (_request, reply) => {
      reply.type(type).header('cache-control', 'no-store');
      return readFile(new URL(file, PUBLIC_DIR));
    });
  }
  app.get('/favicon.ico', async (_request, reply) => reply.code(204).send());
}
