import { BlazwaError } from '@blazwa/core';
import type { Account } from './account.js';
import type { Node, NodeAPI } from './red.js';

/** The account of the config node a node names in `account`, or an error that says how to fix the flow. */
export function accountOf(RED: NodeAPI, id: unknown): Account | BlazwaError {
  const config = typeof id === 'string' && id !== '' ? (RED.nodes.getNode(id) as (Node & { account?: Account }) | null) : null;
  if (!config?.account) {
    return BlazwaError.input('account', 'No Blazwa account chosen: open this node and pick (or add) a Blazwa config node in "Account"');
  }
  return config.account;
}
