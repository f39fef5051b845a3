import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Answer =
  { status: number; json?: unknown; body?: string | Uint8Array; headers?: Record<string, string> } | { drop: true } | { hang: true };

/**
 * A tiny HTTP server whose answers each test scripts: core's own tests need answers no faithful server gives
 * (malformed JSON, missing fields, dropped sockets). Everything else is tested against @blazwa/sandbox.
 */
export async function startTestServer(answer: (request: RecordedRequest, index: number) => Answer) {
  const requests: RecordedRequest[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(recorded);
      const reply = answer(recorded, requests.length - 1);
      if ('drop' in reply) return req.socket.destroy();
      if ('hang' in reply) return;
      const body = reply.json !== undefined ? JSON.stringify(reply.json) : (reply.body ?? '');
      const type = reply.json !== undefined ? { 'content-type': 'application/json' } : {};
      res.writeHead(reply.status, { ...type, ...reply.headers });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A refused port: bound, then closed, so nothing listens there. */
export async function refusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

export const ok = {
  status: { message: 'Berhasil', status: 'connected', code: null },
  restart: { message: 'Restarted', status: 'qr', code: null },
  sent: (to: string, body: string) => ({
    message: 'Pesan terkirim',
    result: { id: 'ABC123', body, from: '6280000000000', to, media_url: null, created_at: '2026-11-21 13:00:00' },
    code: 20001,
  }),
};

/** The error a promise rejects with; fails the test when it resolves instead. */
export async function rejection(promise: Promise<unknown>): Promise<import('../../src/index.js').BlazwaError> {
  try {
    await promise;
  } catch (error) {
    return error as import('../../src/index.js').BlazwaError;
  }
  throw new Error('expected the call to fail, and it succeeded');
}
