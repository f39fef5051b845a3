import { isBlazwaError } from '@blazwa/core';
import type { Account } from './account.js';
import type { Node, NodeStatus } from './red.js';

/**
 * A status text the editor translates for each browser: Node-RED's editor looks a status text up in the node's
 * catalogue when it is a key, so a fixed text is sent as its key, never as `RED._(…)` in the server's language.
 */
export const statusKey = (node: 'blazwa-send' | 'blazwa-status' | 'blazwa-trigger', key: string): string => `${node}.status.${key}`;

/** The account's reasons live in the config node's catalogue; the namespace lets any node's status name them. */
const REASONS = 'node-red-contrib-blazwa/blazwa-config:blazwa-config.reason.';
/** Input fields whose "invalid …" has its own text; others keep core's English words. */
const FIELDS = new Set(['phoneNumber', 'groupName', 'message', 'imageUrl', 'webhook', 'apiKey', 'baseUrl']);

/** A failure for a status line: a key for each fixed reason, core's short words for anything else. */
export function reasonText(error: unknown): string {
  if (!isBlazwaError(error)) return `${REASONS}failed`;
  switch (error.kind) {
    case 'input':
      if (error.field === undefined) return `${REASONS}invalid-input`;
      return FIELDS.has(error.field) ? `${REASONS}invalid.${error.field}` : error.shortReason;
    case 'unauthorized':
      return `${REASONS}unauthorized`;
    case 'validation':
      return `${REASONS}rejected`;
    case 'timeout':
      return error.mayHaveBeenSent ? `${REASONS}timeout-may-be-sent` : `${REASONS}timeout`;
    case 'server':
      return error.status === 429 ? `${REASONS}too-many-requests` : `${REASONS}server-error`;
    case 'network':
      return `${REASONS}no-connection`;
    case 'protocol':
      return `${REASONS}bad-answer`;
    case 'cancelled':
      return `${REASONS}cancelled`;
  }
}

/**
 * How a node shows an account that cannot work: `noAccountKey` (its own "no account chosen") when it names no config
 * node, the reason otherwise; `undefined` when the account can work.
 */
export function setupStatus(account: Account, noAccountKey: string): NodeStatus | undefined {
  if (!account.setupError) return undefined;
  return { fill: 'red', shape: 'ring', text: account.chosen ? reasonText(account.setupError) : noAccountKey };
}

/** As the delay node does: a node's status at most every `intervalMs`, always ending on the latest one. */
export function throttledStatus(node: Node, intervalMs = 500): { set(status: NodeStatus): void; clear(): void } {
  let latest: NodeStatus | undefined;
  let shown: NodeStatus | undefined;
  let timer: NodeJS.Timeout | undefined;
  const flush = (): void => {
    timer = undefined;
    if (latest && latest !== shown) {
      shown = latest;
      node.status(latest);
      timer = setTimeout(flush, intervalMs);
    }
  };
  return {
    set(status) {
      latest = status;
      if (!timer) flush();
    },
    clear() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      latest = shown = undefined;
      node.status({});
    },
  };
}
