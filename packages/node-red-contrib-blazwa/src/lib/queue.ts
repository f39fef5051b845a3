import { BlazwaError, type SentMessage } from '@blazwa/core';
import type { NodeMessage } from './red.js';

/** What a send node asked to send: the resolved fields, as the send node's request step made them. */
export type QueuedRequest = Record<string, unknown>;

/** Whose a waiting message is: the send node instance that took it in, or (restored after a restart) its node id. */
export type Owner = Sender | { readonly id: string };

/**
 * One waiting message of an account, from its arrival to its outcome. As small as it can be: thousands wait at once,
 * and the delay node, which holds a msg and its two callbacks, is the measure (bench 8a).
 */
export class Entry {
  constructor(
    readonly seq: number,
    readonly owner: Owner,
    readonly msg: NodeMessage,
    readonly request: QueuedRequest,
    /** Node-RED's done() of the input that brought it; absent after a restart. */
    readonly done?: (err?: Error) => void,
  ) {}

  /** The send node's id: a redeployed node (a new instance) takes over the messages its predecessor left. */
  get nodeId(): string {
    return this.owner.id;
  }
}

export type Outcome = { result: SentMessage } | { error: Error };

/** A send node instance, as the queue of its account sees it. */
export interface Sender {
  readonly id: string;
  /** Sends one message with the sender's account client. */
  deliver(request: QueuedRequest): Promise<SentMessage>;
  /** The message's outcome, out of this instance's output or error path. */
  finish(entry: Entry, outcome: Outcome): void;
  /** The number of this node's waiting messages, or what is under way, changed. */
  changed(): void;
}

/** What a queue writes down so its messages survive a restart (the durable outbox, when it is on). */
export interface Journal {
  queued(entry: Entry): void;
  /** Recorded before the message goes to the service; with `flush`, on the disk too (see {@link FLUSH_MIN_INTERVAL_MS}). */
  started(entry: Entry, flush: boolean): Promise<void>;
  /** Not handed over after all (flows stopped while the record was being written): it waits again. */
  unstarted(entry: Entry): void;
  done(entry: Entry): void;
  /** A message left the queue: the log may be emptied or compacted (`live` lists what is left, on demand). */
  settled(waiting: number, live: () => Entry[], inFlight: Entry | undefined): void;
}

/**
 * From this interval on, a send's record is flushed to the disk before the message goes, so not even a power cut can
 * make it go twice: the flush (a few milliseconds, more on an SD card) hides in the wait between two messages. A
 * faster pace is a choice for speed: the record is still written before the send, which no crash of the process can
 * lose, but a power cut at that moment may.
 */
export const FLUSH_MIN_INTERVAL_MS = 1_000;

/** Reported when a message is dropped: why, for the log line and the error. */
export function notSent(reason: string): BlazwaError {
  return BlazwaError.cancelled(`Not sent: ${reason}`);
}

interface Gate {
  readonly open: boolean;
  wait(): Promise<void>;
}

/**
 * One WhatsApp account's queue in this process: every waiting message of every send node using the account, in the
 * order they came, sent one at a time with at least the interval between two starts. It belongs to no node: a
 * deploy stops and starts the nodes, the queue goes on, and each message's outcome goes to whichever instance of its
 * send node is running when it ends. It pauses while flows are stopped (the gate), so nothing is sent or reported
 * into a flow that is being replaced.
 */
export class AccountQueue {
  readonly identity: string;
  readonly senders = new Map<string, Sender>();
  /** Minimum interval of each config node using this account; the queue keeps the longest. */
  readonly intervals = new Map<string, number>();
  journal: Journal | undefined;
  /** Where an outcome goes when flows run and its node has no instance on this queue (moved or removed). */
  unrouted: ((entry: Entry, outcome: Outcome) => void) | undefined;
  #entries: Array<Entry | undefined> = [];
  #head = 0;
  #waiting = 0;
  readonly #waitingByNode = new Map<string, number>();
  #seq = 0;
  #inFlight: Entry | undefined;
  /** Outcomes that ended while their node was being redeployed, routed once flows run again. */
  #held: Array<{ entry: Entry; outcome: Outcome }> = [];
  #draining = false;
  #lastStart: number | undefined;
  #interval = 0;
  #wake: (() => void) | undefined;
  readonly #gate: Gate;
  readonly #now: () => number;

  constructor(identity: string, gate: Gate, now: () => number = Date.now) {
    this.identity = identity;
    this.#gate = gate;
    this.#now = now;
  }

  /** Messages waiting (not yet handed to the service), for every node. */
  get waiting(): number {
    return this.#waiting;
  }

  waitingFor(nodeId: string): number {
    return this.#waitingByNode.get(nodeId) ?? 0;
  }

  get inFlight(): Entry | undefined {
    return this.#inFlight;
  }

  /** Anything left to do: waiting, under way or held for a redeployed node. */
  get busy(): boolean {
    return this.#waiting > 0 || this.#inFlight !== undefined || this.#held.length > 0;
  }

  setInterval(configId: string, minIntervalMs: number | undefined): void {
    if (minIntervalMs === undefined) this.intervals.delete(configId);
    else this.intervals.set(configId, minIntervalMs);
    // With no config node running (a deploy in between) the last interval holds.
    if (this.intervals.size > 0) this.#interval = Math.max(...this.intervals.values());
  }

  get interval(): number {
    return this.#interval;
  }

  /** Next sequence number, above every stored one. */
  nextSeq(atLeast = 0): number {
    this.#seq = Math.max(this.#seq, atLeast) + 1;
    return this.#seq;
  }

  attach(sender: Sender): void {
    this.senders.set(sender.id, sender);
    this.#poke();
  }

  /** The sender stopped. Its messages stay for the next instance unless the node was removed. */
  detach(sender: Sender, removed: boolean, report: (entry: Entry, error: Error) => void): void {
    if (this.senders.get(sender.id) === sender) this.senders.delete(sender.id);
    if (removed) this.drop(sender.id, notSent('the send node was removed from the flow'), report);
  }

  /** Adds a message at the end (or, restoring an outbox, in its stored place). */
  push(entry: Entry, journal = true): void {
    this.#entries.push(entry);
    this.#waiting++;
    this.#waitingByNode.set(entry.nodeId, this.waitingFor(entry.nodeId) + 1);
    if (entry.seq > this.#seq) this.#seq = entry.seq;
    if (journal) this.journal?.queued(entry);
    this.#poke();
  }

  /** Removes the waiting messages of `nodeId` (all of them with `undefined`), each reported; linear in the queue. */
  drop(nodeId: string | undefined, error: Error, report: (entry: Entry, error: Error) => void): Entry[] {
    const kept: Array<Entry | undefined> = [];
    const dropped: Entry[] = [];
    for (let index = this.#head; index < this.#entries.length; index++) {
      const entry = this.#entries[index];
      if (!entry) continue;
      if (nodeId === undefined || entry.nodeId === nodeId) dropped.push(entry);
      else kept.push(entry);
    }
    if (dropped.length === 0) return dropped;
    this.#entries = kept;
    this.#head = 0;
    this.#waiting = kept.length;
    if (nodeId === undefined) this.#waitingByNode.clear();
    else this.#waitingByNode.delete(nodeId);
    for (const entry of dropped) {
      this.journal?.done(entry);
      report(entry, error);
    }
    this.#settle();
    return dropped;
  }

  /** The messages still waiting, in order. */
  entries(): Entry[] {
    return this.#entries.slice(this.#head).filter((entry): entry is Entry => entry !== undefined);
  }

  /** Node ids with waiting messages. */
  nodeIds(): string[] {
    return [...this.#waitingByNode.keys()];
  }

  /** An outcome to deliver once flows run (a message a previous process had handed to the service). */
  hold(entry: Entry, outcome: Outcome): void {
    this.#held.push({ entry, outcome });
    if (entry.seq > this.#seq) this.#seq = entry.seq;
  }

  /** Once flows run again: outcomes held during the deploy go to their node's new instance, or to `orphan`. */
  release(orphan: (entry: Entry, outcome: Outcome) => void): void {
    const held = this.#held;
    this.#held = [];
    for (const { entry, outcome } of held) {
      this.journal?.done(entry);
      const sender = this.senders.get(entry.nodeId);
      if (sender) sender.finish(entry, outcome);
      else orphan(entry, outcome);
    }
    this.#settle();
    this.#poke();
  }

  /** Wakes the queue: a gate opened, a node came, a message arrived. */
  #poke(): void {
    if (this.#wake) {
      const wake = this.#wake;
      this.#wake = undefined;
      wake();
    }
    if (!this.#draining && this.#waiting > 0) void this.#drain();
  }

  #sleep(ms: number | undefined): Promise<void> {
    return new Promise((resolve) => {
      this.#wake = resolve;
      if (ms !== undefined) setTimeout(resolve, ms).unref();
    });
  }

  #peek(): Entry | undefined {
    while (this.#head < this.#entries.length && this.#entries[this.#head] === undefined) this.#head++;
    return this.#entries[this.#head];
  }

  #take(): Entry {
    const entry = this.#entries[this.#head]!;
    this.#entries[this.#head++] = undefined;
    // Keeps the array from growing with a burst that never stops: shifting is linear, this is amortized.
    if (this.#head > 1024 && this.#head * 2 > this.#entries.length) {
      this.#entries = this.#entries.slice(this.#head);
      this.#head = 0;
    }
    this.#waiting--;
    const left = this.waitingFor(entry.nodeId) - 1;
    if (left > 0) this.#waitingByNode.set(entry.nodeId, left);
    else this.#waitingByNode.delete(entry.nodeId);
    return entry;
  }

  /** Back at the head of the queue, its turn not taken. */
  #putBack(entry: Entry): void {
    if (this.#head > 0) this.#entries[--this.#head] = entry;
    else this.#entries.unshift(entry);
    this.#waiting++;
    this.#waitingByNode.set(entry.nodeId, this.waitingFor(entry.nodeId) + 1);
  }

  async #drain(): Promise<void> {
    this.#draining = true;
    try {
      for (;;) {
        if (!this.#gate.open) {
          await Promise.race([this.#gate.wait(), this.#sleep(undefined)]);
          continue;
        }
        const head = this.#peek();
        if (!head) break;
        const sender = this.senders.get(head.nodeId);
        // Its node is being redeployed, or gone: flows starting again decide which (see the registry).
        if (!sender) {
          await this.#sleep(undefined);
          continue;
        }
        if (this.#lastStart !== undefined) {
          const wait = this.#lastStart + this.#interval - this.#now();
          if (wait > 0) {
            await this.#sleep(wait);
            continue;
          }
        }
        const entry = this.#take();
        this.#inFlight = entry;
        sender.changed();
        let outcome: Outcome;
        try {
          await this.journal?.started(entry, this.#interval >= FLUSH_MIN_INTERVAL_MS);
          // Flows may have stopped while the record went to the disk: the old instance's client may be closed.
          if (!this.#gate.open || this.senders.get(entry.nodeId) !== sender) {
            this.journal?.unstarted(entry);
            this.#inFlight = undefined;
            this.#putBack(entry);
            continue;
          }
          this.#lastStart = this.#now();
          outcome = { result: await sender.deliver(entry.request) };
        } catch (error) {
          outcome = { error: error instanceof Error ? error : new Error(String(error)) };
        }
        this.#inFlight = undefined;
        this.#route(entry, outcome);
        this.#settle();
      }
    } finally {
      this.#draining = false;
    }
  }

  #route(entry: Entry, outcome: Outcome): void {
    const sender = this.#gate.open ? this.senders.get(entry.nodeId) : undefined;
    // Done only once its outcome is out: an answer held over a stop is, after the restart, "may have been sent".
    if (sender) {
      this.journal?.done(entry);
      sender.finish(entry, outcome);
    } else if (this.#gate.open && this.unrouted) {
      this.journal?.done(entry);
      this.unrouted(entry, outcome);
    } else this.#held.push({ entry, outcome });
  }

  #settle(): void {
    this.journal?.settled(this.#waiting, () => this.entries(), this.#inFlight);
  }
}
