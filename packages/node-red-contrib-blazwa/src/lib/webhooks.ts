/**
 * The webhook URL each account had registered by a trigger node of this Node-RED, by config node id. The API has no
 * "get webhook", so this memory (which outlives redeploys but not a restart) is how a removed trigger knows whether
 * the registered URL is still its own before resetting it.
 */
const KEY = Symbol.for('node-red-contrib-blazwa.webhooks');
// Each node file bundles its own copy of this module: the one map lives on globalThis so they all share it.
const registered: Map<string, string> =
  ((globalThis as Record<symbol, unknown>)[KEY] as Map<string, string> | undefined) ??
  ((globalThis as Record<symbol, unknown>)[KEY] = new Map<string, string>());

export function rememberWebhook(accountId: string, url: string): void {
  registered.set(accountId, url);
}

export function forgetWebhook(accountId: string, url: string): boolean {
  if (registered.get(accountId) !== url) return false;
  registered.delete(accountId);
  return true;
}

/** Someone set or removed the account's webhook by hand (a status node): no trigger's URL is registered any more. */
export function forgetAccountWebhook(accountId: string): void {
  registered.delete(accountId);
}
