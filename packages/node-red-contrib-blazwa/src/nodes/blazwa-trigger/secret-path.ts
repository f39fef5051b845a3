/**
 * The service signs nothing: a trigger's path is the only thing between the internet and a flow that may send
 * WhatsApp messages. These rules refuse a path anyone could know or guess; the editor's random one (`/blazwa/` and 32
 * hex digits) passes them.
 */

/** One part of the path needs this many characters… */
export const MIN_SECRET_LENGTH = 16;
/** …and this many different ones, so `aaaaaaaaaaaaaaaa` or `1111111111111111` is not taken for a secret. */
const MIN_DISTINCT = 6;
/** Words of paths that were written as examples (ours shipped `/blazwa/change-me-to-a-long-random-token`). */
const PLACEHOLDER_WORDS = ['changeme', 'replaceme', 'placeholder', 'example', 'yoursecret', 'yourtoken', 'yourpath', 'randomtoken', 'secretpath'];
/** Parts at least this long are masked in what the node logs; shorter ones (`blazwa`, `hooks`) say where it is. */
const MASKED_LENGTH = 8;

export type PathProblem = 'placeholder' | 'too-short';

/** Why `path` (already normalized, like `/blazwa/abc…`) cannot be this trigger's secret, or `undefined` if it can. */
export function secretPathProblem(path: string): PathProblem | undefined {
  const words = path.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (PLACEHOLDER_WORDS.some((word) => words.includes(word))) return 'placeholder';
  const secret = path.split('/').some((part) => part.length >= MIN_SECRET_LENGTH && new Set(part).size >= MIN_DISTINCT);
  return secret ? undefined : 'too-short';
}

/** `text` with every long part of `path` replaced by `…`: a reason that quotes the webhook URL stays loggable. */
export function maskPath(text: string, path: string): string {
  let masked = text;
  for (const part of path.split('/')) {
    if (part.length >= MASKED_LENGTH) masked = masked.split(part).join('…');
  }
  return masked;
}
