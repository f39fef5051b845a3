import type { Account } from '../../lib/account.js';
import { reasonText, statusKey } from '../../lib/status.js';
import type { Node, NodeStatus } from '../../lib/red.js';

/**
 * Polls the account's `status` and sends a msg only when the state changes, so a flow can react to "connected" or
 * "waiting for a QR scan" without handling a msg every interval. The state also shows as the node's status.
 */
export function startWatch(node: Node, account: Account, intervalMs: number): { stop(): void } {
  let last: string | undefined;
  let lastError: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const poll = async (): Promise<void> => {
    try {
      const result = await account.withClient((client) => client.status());
      if (stopped) return;
      lastError = undefined;
      node.status(statusOf(result.status));
      if (result.status !== last) {
        const previous = last;
        last = result.status;
        node.send({ topic: 'status', payload: { status: result.status, message: result.message, previous: previous ?? null } });
      }
    } catch (error) {
      if (stopped) return;
      const reason = reasonText(error);
      node.status({ fill: 'red', shape: 'ring', text: reason });
      // Said once per new reason: a service down for an hour should not fill the log.
      if (reason !== lastError) node.warn(error instanceof Error ? error.message : String(error));
      lastError = reason;
    } finally {
      if (!stopped) timer = setTimeout(() => void poll(), intervalMs);
    }
  };
  void poll();

  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}

function statusOf(state: string): NodeStatus {
  if (state === 'connected' || state === 'ready') return { fill: 'green', shape: 'dot', text: statusKey('blazwa-status', 'connected') };
  if (state === 'qr') return { fill: 'yellow', shape: 'ring', text: statusKey('blazwa-status', 'qr') };
  return { fill: 'grey', shape: 'ring', text: state };
}
