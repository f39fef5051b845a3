import { BlazwaError } from './errors.js';
import type { TransportRequest } from './transport.js';

/** The longest wait for a whole answer, by default: both adapters' timeout setting starts here. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * The largest answer read. The API's JSON answers are a few hundred bytes (a sent message echoes its text, at most
 * 65,536 characters, which is under 256 kB as UTF-8); a login QR image is a few kilobytes. The limits leave room
 * and stop a misbehaving server or proxy from filling memory.
 */
export const MAX_ANSWER_BYTES = 1_048_576;
export const MAX_IMAGE_ANSWER_BYTES = 2_097_152;

/** The limit for one request's answer: an image is asked for only by login-qr. */
export function maxAnswerBytes(request: TransportRequest): number {
  return (request.headers.accept ?? '').includes('image/') ? MAX_IMAGE_ANSWER_BYTES : MAX_ANSWER_BYTES;
}

/** For transports: the answer grew past `limit` and was not read further. */
export function answerTooLarge(limit: number, status?: number): BlazwaError {
  return new BlazwaError({
    kind: 'protocol',
    ...(status === undefined ? {} : { status }),
    outcome: 'unknown',
    message: `The Blazwa server's answer is larger than ${Math.round(limit / 1024)} kB, far more than the API ever sends: it was not read further; check the server address`,
  });
}
