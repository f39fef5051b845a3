import { createHash } from 'node:crypto';
import { BlazwaError } from '@blazwa/core';
import { jsonSafe, Outbox, outboxDir, storedIdentities, type StoredMessage } from './outbox.js';
import { AccountQueue, Entry, notSent, type Journal, type Outcome } from './queue.js';
import type { NodeAPI } from './red.js';

/**
 * Every account's queue in this Node-RED process. On `globalThis` because each node file is its own bundle with its
 * own copy of this module, and the config node and the send node must find the same queue.
 */
interface Registry {
  readonly queues: Map<string, AccountQueue>;
  /** Config node ids that want their account's messages kept over a restart, per account. */
  readonly durable: Map<string, Set<string>>;
  readonly gate: FlowGate;
  readonly subscribed: WeakSet<object>;
  RED?: NodeAPI;
  /** Logs of accounts no config node has claimed since this process started, reported once. */
  orphansSwept: boolean;
}

const REGISTRY = Symbol.for('node-red-contrib-blazwa.account-queues');

/** Open while flows run; closed from "flows stopping" to "flows started" (and before the first start). */
class FlowGate {
  open = false;
  #waiters: Array<() => void> = [];

  wait(): Promise<void> {
    return this.open ? Promise.resolve() : new Promise((resolve) => this.#waiters.push(resolve));
  }

  set(open: boolean): void {
    this.open = open;
    if (!open) return;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const resolve of waiters) resolve();
  }
}

function registry(): Registry {
  const scope = globalThis as { [REGISTRY]?: Registry };
  scope[REGISTRY] ??= { queues: new Map(), durable: new Map(), gate: new FlowGate(), subscribed: new WeakSet(), orphansSwept: false };
  return scope[REGISTRY];
}

/**
 * Who the account is, for sharing its queue: the server, its address and a hash of the key. Never the key: the
 * identity names the outbox file.
 */
export function accountIdentity(settings: { server?: string; baseUrl?: string; apiKey?: string }): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        'node-red-contrib-blazwa account',
        settings.server?.trim() ?? '',
        settings.baseUrl?.trim() ?? '',
        settings.apiKey?.trim() ?? '',
      ]),
    )
    .digest('hex')
    .slice(0, 32);
}

export const MAYBE_SENT =
  'May have been sent: Node-RED stopped while this message was being handed to the Blazwa service, so it is not sent again; check the chat';

/** A message of a node that no longer uses this account: a log line with its `_msgid`, and its node's Catch if any. */
function reportOrphan(RED: NodeAPI, entry: Entry, error: Error): void {
  logDropped(RED, entry, error);
  const node = RED.nodes.getNode(entry.nodeId);
  if (node?.type === 'blazwa-send') node.error(error, entry.msg);
}

export function logDropped(RED: NodeAPI, entry: Entry, error: Error): void {
  RED.log.warn(`[blazwa-send:${entry.nodeId}] msg ${String(entry.msg._msgid ?? '(no _msgid)')}: ${error.message}`);
}

/**
 * An answer whose send node has no instance on its queue any more. A node moved to another account still runs under
 * the same id, so the answer goes out of it (a sent message is never reported as not sent); a removed node's is logged.
 */
function routeElsewhere(state: Registry, entry: Entry, outcome: Outcome): void {
  for (const queue of state.queues.values()) {
    const sender = queue.senders.get(entry.nodeId);
    if (sender) {
      sender.finish(entry, outcome);
      return;
    }
  }
  if (state.RED) {
    reportOrphan(state.RED, entry, 'error' in outcome ? outcome.error : new Error(`Sent, but its send node was removed before the answer came`));
  }
}

/** Flows (re)started: each queue's messages whose node is gone are reported, held outcomes delivered, sending resumes. */
function flowsStarted(): void {
  const state = registry();
  const RED = state.RED;
  state.gate.set(true);
  if (!RED) return;
  for (const queue of state.queues.values()) {
    for (const nodeId of queue.nodeIds()) {
      if (queue.senders.has(nodeId)) continue;
      queue.drop(nodeId, notSent('its send node was removed or now uses another account'), (entry, error) => reportOrphan(RED, entry, error));
    }
    queue.release((entry, outcome) => routeElsewhere(state, entry, outcome));
    if (!queue.busy && queue.intervals.size === 0) {
      closeJournal(queue, true);
      state.queues.delete(queue.identity);
    }
  }
  if (!state.orphansSwept) {
    state.orphansSwept = true;
    sweepStoredOrphans(RED, state);
  }
}

/** Logs in the user folder whose account no config node uses any more: each message reported, the file removed. */
function sweepStoredOrphans(RED: NodeAPI, state: Registry): void {
  const userDir = RED.settings.userDir;
  if (typeof userDir !== 'string') return;
  const dir = outboxDir(userDir);
  for (const identity of storedIdentities(dir)) {
    if (state.queues.has(identity)) continue;
    try {
      const { outbox, recovered } = Outbox.open(dir, identity);
      const asEntry = (stored: StoredMessage): Entry => restored(stored);
      for (const stored of recovered.maybeSent) reportOrphan(RED, asEntry(stored), new Error(MAYBE_SENT));
      const gone = notSent('its account (server or API key) changed or was removed while Node-RED was stopped');
      for (const stored of recovered.waiting) reportOrphan(RED, asEntry(stored), gone);
      outbox.remove();
    } catch (error) {
      RED.log.warn(`[blazwa] could not read the outbox ${identity}: ${(error as Error).message}`);
    }
  }
}

function subscribe(RED: NodeAPI, state: Registry): void {
  state.RED = RED;
  if (state.subscribed.has(RED.events)) return;
  state.subscribed.add(RED.events);
  RED.events.on('flows:stopping', () => state.gate.set(false));
  RED.events.on('flows:started', flowsStarted);
}

/** The journal of a durable queue: its outbox file, written as messages come and go. */
class OutboxJournal implements Journal {
  constructor(readonly outbox: Outbox) {}

  queued(entry: Entry): void {
    this.outbox.queued(entry, jsonSafe(entry.msg));
  }

  started(entry: Entry, flush: boolean): Promise<void> {
    return this.outbox.started(entry.seq, flush);
  }

  unstarted(entry: Entry): void {
    this.outbox.unstarted(entry.seq);
  }

  done(entry: Entry): void {
    this.outbox.done(entry.seq);
  }

  settled(waiting: number, live: () => Entry[], inFlight: Entry | undefined): void {
    const dead = this.outbox.dead;
    if (waiting === 0 && !inFlight) {
      if (dead >= 256) this.outbox.empty();
    } else if (dead > 20_000 && dead > 4 * waiting) {
      const stored = (entry: Entry, started: boolean) => ({
        seq: entry.seq,
        nodeId: entry.nodeId,
        request: entry.request,
        msgJson: jsonSafe(entry.msg),
        started,
      });
      const rest = live().map((entry) => stored(entry, false));
      if (inFlight) rest.unshift(stored(inFlight, true));
      this.outbox.compact(rest);
    }
  }
}

function closeJournal(queue: AccountQueue, remove: boolean): void {
  const journal = queue.journal as OutboxJournal | undefined;
  if (!journal) return;
  queue.journal = undefined;
  if (remove) journal.outbox.remove();
  else journal.outbox.close();
}

export interface AccountUse {
  configId: string;
  identity: string;
  minIntervalMs: number;
  /** Keep waiting messages in the user folder over a restart. */
  durable: boolean;
}

/**
 * The queue of an account, for a config node starting: created on first use, then shared by every config node with
 * the same identity and kept over redeploys. With `durable`, opens the account's outbox and takes back what a
 * previous process left.
 */
export function useAccountQueue(RED: NodeAPI, use: AccountUse): AccountQueue {
  const state = registry();
  subscribe(RED, state);
  let queue = state.queues.get(use.identity);
  if (!queue) {
    queue = new AccountQueue(use.identity, state.gate);
    queue.unrouted = (entry, outcome) => routeElsewhere(state, entry, outcome);
    state.queues.set(use.identity, queue);
  }
  queue.setInterval(use.configId, use.minIntervalMs);
  const wanting = state.durable.get(use.identity) ?? new Set<string>();
  state.durable.set(use.identity, wanting);
  if (use.durable) wanting.add(use.configId);
  else wanting.delete(use.configId);
  const userDir = RED.settings.userDir;
  if (wanting.size > 0 && !queue.journal && typeof userDir === 'string') openJournal(RED, queue, outboxDir(userDir));
  return queue;
}

function openJournal(RED: NodeAPI, queue: AccountQueue, dir: string): void {
  try {
    const { outbox, recovered } = Outbox.open(dir, queue.identity);
    if (recovered.damaged > 0) RED.log.warn(`[blazwa] outbox ${queue.identity}: ${recovered.damaged} unreadable record(s) skipped`);
    // What is in memory already (a queue that lived on while the setting was off) goes behind what was stored.
    const inMemory = queue.entries();
    if (inMemory.length > 0) queue.drop(undefined, notSent('moved'), () => {});
    queue.journal = new OutboxJournal(outbox);
    const top = Math.max(0, ...recovered.waiting.map((m) => m.seq), ...recovered.maybeSent.map((m) => m.seq));
    for (const stored of recovered.maybeSent) {
      queue.hold(restored(stored), { error: maybeSentError() });
    }
    for (const stored of recovered.waiting) queue.push(restored(stored), false);
    queue.nextSeq(top);
    for (const entry of inMemory) queue.push(new Entry(queue.nextSeq(), entry.owner, entry.msg, entry.request, entry.done));
  } catch (error) {
    RED.log.warn(`[blazwa] the outbox in ${dir} cannot be used, waiting messages are kept in memory only: ${(error as Error).message}`);
  }
}

/** A stored message, back in memory: it belongs to whichever instance of its node runs now. */
function restored(stored: StoredMessage): Entry {
  return new Entry(stored.seq, { id: stored.nodeId }, stored.msg, stored.request);
}

function maybeSentError(): BlazwaError {
  return new BlazwaError({ kind: 'network', requestSent: true, message: MAYBE_SENT });
}

/** A config node stopped: its interval no longer counts; the queue stays until flows start without it. */
export function releaseAccountQueue(configId: string, identity: string): void {
  const state = registry();
  const queue = state.queues.get(identity);
  queue?.setInterval(configId, undefined);
  state.durable.get(identity)?.delete(configId);
}
