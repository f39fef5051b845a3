import type { Handler, Request } from '../../lib/red.js';

/**
 * Refuses what a browser sent from a page of another origin. Node-RED answers every admin route with
 * `Access-Control-Allow-Origin: *`, and without adminAuth (its default) any website a user opens could otherwise read
 * the login QR from here and pair its own phone with the account.
 *
 * The browser's own word decides: `Sec-Fetch-Site` (every current browser sends it, no page can forge it) must say
 * `same-origin` (or `none`: typed into the address bar). Another port of the same host is `same-site`, and refused.
 * Without it, an `Origin` must name the host the request was sent to. A request with neither comes from no web page
 * (curl, a script using the admin API with its adminAuth token) and is let through: the editor's permissions still
 * apply to it.
 */
export const sameOriginOnly: Handler = (req, res, next) => {
  const refusal = crossSiteRefusal(req);
  if (refusal === undefined) return next();
  res.status(403).json({
    error: 'cross-site',
    message: `Refused: ${refusal}. Connect WhatsApp from the Node-RED editor itself (the Blazwa config node's "Connect WhatsApp")`,
  });
};

function crossSiteRefusal(req: Request): string | undefined {
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string') {
    return site === 'same-origin' || site === 'none' ? undefined : `the browser says this request came from another site (${site})`;
  }
  const origin = req.headers.origin;
  if (origin === undefined) return undefined;
  let host: string | undefined;
  try {
    host = new URL(origin).host;
  } catch {
    host = undefined;
  }
  return host !== undefined && host === req.headers.host ? undefined : 'this request came from a page of another origin';
}
