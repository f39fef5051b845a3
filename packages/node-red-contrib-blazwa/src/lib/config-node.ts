import { Account } from './account.js';
import type { Node, NodeAPI } from './red.js';

/** The account of the config node a node names in `account`; without one, an account whose setup error says to pick one. */
export function accountOf(RED: NodeAPI, id: unknown): Account {
  const config = typeof id === 'string' && id !== '' ? (RED.nodes.getNode(id) as (Node & { account?: Account }) | null) : null;
  return config?.account ?? Account.unchosen();
}
