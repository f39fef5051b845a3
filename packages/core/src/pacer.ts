import { BlazwaError } from './errors.js';

export interface PacerOptions {
  /** Least time between the starts of two sends. 0 sends one after another with no pause. */
  minIntervalMs: number;
  sleep: (ms: number) => Promise<void>;
  /** Milliseconds on any monotonic or wall clock. */
  now: () => number;
  /**
   * Where the interval is counted from: the previous send's `start` (the default), or its `end` (its answer came
   * back). `end` holds the gap at the receiving side too, however late a busy process puts a request on the wire,
   * because a send is on the server before its answer returns; each turn then lasts the interval plus the send.
   */
  spaceFrom?: 'start' | 'end';
}

export interface Pacer {
  /**
   * Runs `task` after every task scheduled before it has finished and at least `minIntervalMs` after the
   * previous one started: one account's messages leave in order, at the configured pace.
   */
  schedule<T>(task: () => Promise<T>): Promise<T>;
  /** Tasks waiting or running. */
  readonly size: number;
  /** Tasks waiting (not yet started). */
  readonly waiting: number;
  /**
   * Stops the pacer: tasks not yet started are rejected with a `cancelled` BlazwaError (they were never sent)
   * and nothing scheduled later runs. Returns how many were dropped. The running task, if any, finishes.
   */
  close(reason?: string): number;
  /**
   * A share of this pacer for one sender (a flow node, a workflow): its tasks keep the pacer's order and pace, and
   * closing it drops only its own waiting tasks, which then take no turn.
   */
  lane(): PacerLane;
}

export interface PacerLane {
  /** As {@link Pacer.schedule}, on the shared pacer. */
  schedule<T>(task: () => Promise<T>): Promise<T>;
  /** This lane's tasks not yet started. */
  readonly waiting: number;
  /**
   * Rejects this lane's tasks not yet started with a `cancelled` BlazwaError, and anything scheduled on it later.
   * The pacer and other lanes go on. Returns how many were dropped.
   */
  close(reason?: string): number;
}

interface Entry {
  run: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  lane?: LaneCount;
}

/** A lane's tasks in the queue, counted as they come and go: a node asks on every msg, and the queue can be long. */
interface LaneCount {
  waiting: number;
}

export function createPacer(options: PacerOptions): Pacer {
  const { sleep, now } = options;
  const interval = Math.max(0, options.minIntervalMs);
  const spaceFromEnd = options.spaceFrom === 'end';
  const queue: Entry[] = [];
  let draining = false;
  let inFlight = false;
  let closed = false;
  let lastStart: number | undefined;
  let closeReason = 'stopped';

  async function drain(): Promise<void> {
    draining = true;
    try {
      while (queue.length > 0) {
        if (lastStart !== undefined) {
          const wait = lastStart + interval - now();
          if (wait > 0) await sleep(wait);
        }
        // close() during the wait has already rejected everything queued.
        const entry = queue.shift();
        if (!entry) break;
        if (entry.lane) entry.lane.waiting--;
        lastStart = now();
        inFlight = true;
        try {
          entry.resolve(await entry.run());
        } catch (error) {
          entry.reject(error);
        } finally {
          inFlight = false;
          if (spaceFromEnd) lastStart = now();
        }
      }
    } finally {
      draining = false;
    }
  }

  function enqueue<T>(task: () => Promise<T>, lane?: LaneCount): Promise<T> {
    if (closed) return Promise.reject(cancelled(closeReason));
    return new Promise<T>((resolve, reject) => {
      queue.push({ run: task, resolve: resolve as (value: unknown) => void, reject, ...(lane ? { lane } : {}) });
      if (lane) lane.waiting++;
      if (!draining) void drain();
    });
  }

  function lane(): PacerLane {
    const key: LaneCount = { waiting: 0 };
    let laneClosed: string | undefined;
    return {
      schedule: (task) => (laneClosed === undefined ? enqueue(task, key) : Promise.reject(cancelled(laneClosed))),
      get waiting() {
        return key.waiting;
      },
      close(reason = 'stopped') {
        laneClosed = reason;
        const dropped: Entry[] = [];
        for (let index = queue.length - 1; index >= 0; index--) {
          if (queue[index]!.lane === key) dropped.unshift(...queue.splice(index, 1));
        }
        key.waiting = 0;
        for (const entry of dropped) entry.reject(cancelled(reason));
        return dropped.length;
      },
    };
  }

  return {
    schedule: (task) => enqueue(task),
    lane,
    get size() {
      return queue.length + (inFlight ? 1 : 0);
    },
    get waiting() {
      return queue.length;
    },
    close(reason = 'stopped') {
      closed = true;
      closeReason = reason;
      const dropped = queue.splice(0);
      for (const entry of dropped) {
        if (entry.lane) entry.lane.waiting--;
        entry.reject(cancelled(reason));
      }
      return dropped.length;
    },
  };
}

function cancelled(reason: string): BlazwaError {
  return BlazwaError.cancelled(`Not sent: the queue was closed (${reason}) before this message's turn`);
}
