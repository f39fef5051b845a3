import type { Node, NodeStatus } from './red.js';

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
