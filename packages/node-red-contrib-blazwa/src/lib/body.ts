import type { Request } from './red.js';

export class BodyTooLarge extends Error {}

/**
 * The request body as text, at most `limit` bytes. A body some middleware already parsed (an `httpNodeMiddleware`
 * body parser) is taken as it is.
 */
export function readBody(req: Request, limit: number): Promise<unknown> {
  if (req._body || (req.body !== undefined && req.readableEnded)) return Promise.resolve(req.body);
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.reject(new BodyTooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', (error) => {
      if (!failed) reject(error);
    });
  });
}
