import type { ExpressApp, Handler, NodeAPI, Request } from '../../lib/red.js';

/**
 * With Node-RED's default `httpAdminRoot: '/'` the editor's admin app sits in front of every httpNode route, and its
 * JSON and form parsers (5 MB) read each delivery before the trigger sees it: the trigger's 256 kB limit, its JSON
 * 400 and its log line did not apply (Node-RED answered broken JSON with an HTML error page). Those two parsers are
 * told to pass the POSTs of the trigger routes through unread, so the trigger reads the body itself.
 *
 * The parsers are found by name in the admin app above `RED.httpAdmin`, as Node-RED's own http in node finds routes
 * in Express's stack. Where they are not found (another Node-RED layout or version), nothing changes, and the
 * trigger still refuses a parsed body larger than its limit.
 */
const PARSERS = new Set(['jsonParser', 'urlencodedParser']);
const WRAPPED = Symbol.for('node-red-contrib-blazwa.admin-parser-bypass');

/** Full request paths (`httpNodeRoot` + path, lower case) of the running triggers, with how many use each. */
const bypassed = new Map<string, number>();

interface Layer {
  name?: string;
  handle: Handler & { [WRAPPED]?: true };
}

/** Lets the admin parsers skip POSTs to `path`; the returned function undoes it (on close). */
export function bypassAdminParsers(RED: NodeAPI, path: string): () => void {
  const root = typeof RED.settings.httpNodeRoot === 'string' ? RED.settings.httpNodeRoot.replace(/\/+$/, '') : '';
  const full = `${root}${path}`.toLowerCase();
  wrapParsers(RED.httpAdmin);
  bypassed.set(full, (bypassed.get(full) ?? 0) + 1);
  return () => {
    const users = (bypassed.get(full) ?? 1) - 1;
    if (users > 0) bypassed.set(full, users);
    else bypassed.delete(full);
  };
}

/** Express matches routes without regard to case or a trailing slash: so does this. */
function isBypassed(req: Request): boolean {
  if (req.method !== 'POST' || bypassed.size === 0) return false;
  const url = (req as Request & { originalUrl?: string }).originalUrl ?? req.url ?? '';
  const pathname = url.split('?', 1)[0]!.replace(/\/+$/, '').toLowerCase();
  return bypassed.has(pathname);
}

function wrapParsers(app: ExpressApp | undefined): void {
  for (let current = app; current; current = (current as ExpressApp & { parent?: ExpressApp }).parent) {
    const stack = ((current._router ?? current.router)?.stack ?? []) as unknown as Layer[];
    for (const layer of stack) {
      if (!PARSERS.has(layer.name ?? '') || layer.handle[WRAPPED]) continue;
      const parse = layer.handle;
      const handle: Layer['handle'] = (req, res, next) => (isBypassed(req) ? next() : parse(req, res, next));
      handle[WRAPPED] = true;
      layer.handle = handle;
    }
  }
}
