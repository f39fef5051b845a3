import type { Request } from './red.js';

export class BodyTooLarge extends Error {}

/** A body that some middleware read and parsed before this node saw the request. */
export interface ParsedBody {
  parsed: unknown;
}

/**
 * The request body as text, at most `limit` bytes; or, when middleware already parsed it (an `httpNodeMiddleware`
 * body parser, or Node-RED's own admin parser when `httpAdminRoot` is `/`), what it parsed, refused as too large when
 * it declared more than `limit` bytes. The size of a parsed chunked body is for the caller to judge.
 */
export function readBody(req: Request, limit: number): Promise<string | ParsedBody> {
  const declared = Number(req.headers['content-length']);
  const tooLarge = Number.isFinite(declared) && declared > limit;
  if (req._body || (req.body !== undefined && req.readableEnded)) {
    return tooLarge ? Promise.reject(new BodyTooLarge()) : Promise.resolve({ parsed: req.body });
  }
  if (tooLarge) {
    req.resume();
    return Promise.reject(new BodyTooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      outcome();
    };
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limit) settle(() => reject(new BodyTooLarge()));
      else chunks.push(chunk);
    });
    req.on('end', () => settle(() => resolve(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', (error) => settle(() => reject(error)));
    // A sender that hangs up half way never ends the body: without this the promise and its chunks would stay.
    req.on('close', () => settle(() => reject(new Error('the sender closed the connection before the body ended'))));
  });
}
