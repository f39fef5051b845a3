import type { ExpressApp, Handler, NodeAPI } from '../../lib/red.js';

/**
 * `/blazwa/abc…` from what the user typed: one leading slash, no trailing one. `undefined` when empty, or when it holds
 * characters Express would read as a pattern (`:id`, `*`, `(…)`), which could match far more than this one URL.
 */
export function normalizePath(path: unknown): string | undefined {
  if (typeof path !== 'string') return undefined;
  const trimmed = path.trim().replace(/^\/+/, '').replace(/\/+$/, '');
  if (trimmed === '' || !/^[A-Za-z0-9._~\-/]+$/.test(trimmed)) return undefined;
  return `/${trimmed}`;
}

/** The full public URL of a path on httpNode, honouring `httpNodeRoot`. */
export function publicUrl(RED: NodeAPI, publicBaseUrl: string, path: string): string {
  const root = typeof RED.settings.httpNodeRoot === 'string' ? RED.settings.httpNodeRoot.replace(/\/+$/, '') : '';
  return `${publicBaseUrl.trim().replace(/\/+$/, '')}${root}${path}`;
}

/** `httpNodeMiddleware` as the core `http in` node applies it: a function or a list of them. */
export function httpMiddleware(RED: NodeAPI): Handler[] {
  const middleware = RED.settings.httpNodeMiddleware;
  if (typeof middleware === 'function') return [middleware];
  if (Array.isArray(middleware)) return middleware.filter((handler) => typeof handler === 'function');
  return [];
}

/** Takes a POST route off httpNode (Express 4 keeps routes in `_router`, Express 5 in `router`). */
export function removeRoute(app: ExpressApp, path: string): void {
  const stack = (app._router ?? app.router)?.stack;
  if (!stack) return;
  for (let i = stack.length - 1; i >= 0; i--) {
    const route = stack[i]?.route;
    if (route && route.path === path && route.methods.post) stack.splice(i, 1);
  }
}
