/**
 * The webhook URL each account had registered by a trigger node of this Node-RED, by config node id. The API has no
 * "get webhook", so this memory (which outlives redeploys but not a restart) is how a removed trigger knows whether
 * the registered URL is still its own before resetting it.
 */
const registered = new Map<string, string>();

export function rememberWebhook(accountId: string, url: string): void {
  registered.set(accountId, url);
}

export function registeredWebhook(accountId: string): string | undefined {
  return registered.get(accountId);
}

export function forgetWebhook(accountId: string, url: string): boolean {
  if (registered.get(accountId) !== url) return false;
  registered.delete(accountId);
  return true;
}
