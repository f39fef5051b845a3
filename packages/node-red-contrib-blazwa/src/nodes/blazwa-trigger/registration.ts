import { accountOf } from '../../lib/config-node.js';
import { reasonText, statusKey } from '../../lib/status.js';
import type { Node, NodeAPI, NodeDef } from '../../lib/red.js';
import { rememberWebhook } from '../../lib/webhooks.js';
import { publicUrl } from './routes.js';
import { maskPath } from './secret-path.js';

/** What a trigger registered, and how to undo it when the node is deleted. */
export interface Registration {
  accountId: string;
  url: string;
  reset: () => Promise<unknown>;
}

/** Registers this node's URL as the account's webhook; resolves to what a removal needs to undo it, if it worked. */
export function startRegistration(RED: NodeAPI, node: Node, def: NodeDef, path: string): Promise<Registration | undefined> {
  const account = accountOf(RED, def.account);
  if (!account.publicBaseUrl) {
    const key = account.chosen ? 'no-public-url' : 'no-account';
    node.status({ fill: 'red', shape: 'ring', text: statusKey('blazwa-trigger', key) });
    node.warn(RED._(`blazwa-trigger.warn.${key}`));
    return Promise.resolve(undefined);
  }
  const url = publicUrl(RED, account.publicBaseUrl, path);
  const accountId = String(def.account);
  node.status({ fill: 'yellow', shape: 'ring', text: statusKey('blazwa-trigger', 'registering') });
  return account
    .withClient((client) => client.setWebhook(url))
    .then(
      () => {
        rememberWebhook(accountId, url);
        node.status({ fill: 'green', shape: 'ring', text: statusKey('blazwa-trigger', 'registered') });
        return { accountId, url, reset: () => account.withClient((client) => client.resetWebhook()) };
      },
      (error: unknown) => {
        node.status({ fill: 'red', shape: 'ring', text: reasonText(error) });
        // A reason may quote the URL (a bad Public URL, a server echoing it): the path is the secret, the log is not.
        const reason = maskPath(error instanceof Error ? error.message : String(error), path);
        node.error(RED._('blazwa-trigger.warn.register-failed', { reason }));
        return undefined;
      },
    );
}
