import { BlazwaError } from '@blazwa/core';
import type { Account } from './account.js';

/**
 * One node's share of its account's pacer. The pacer is the account's (one pace for every node sending with it), but
 * a node that stops must drop only its own queued messages, at once and reported, and must send nothing after.
 */
export class SendQueue {
  readonly #account: Account;
  readonly #waiting = new Set<(error: BlazwaError) => void>();
  #closed = false;

  constructor(account: Account) {
    this.#account = account;
  }

  /** Runs `task` in its turn on the account's pacer; `onStart` tells when the turn has come. */
  schedule<T>(task: () => Promise<T>, onStart?: () => void): Promise<T> {
    if (this.#closed) return Promise.reject(notSent('the node stopped'));
    return new Promise<T>((resolve, reject) => {
      let cancelled = false;
      const cancel = (error: BlazwaError): void => {
        cancelled = true;
        reject(error);
      };
      this.#waiting.add(cancel);
      this.#account.pacer
        .schedule(async () => {
          this.#waiting.delete(cancel);
          // Dropped while waiting: its caller has been told it was not sent, so it must not go out now.
          if (cancelled) return undefined as T;
          onStart?.();
          return task();
        })
        .then(
          (value) => {
            if (!cancelled) resolve(value);
          },
          (error: unknown) => {
            this.#waiting.delete(cancel);
            if (!cancelled) reject(error);
          },
        );
    });
  }

  /** Messages of this node waiting for their turn. */
  get waiting(): number {
    return this.#waiting.size;
  }

  /** Rejects every waiting message as not sent, and anything scheduled later; returns how many were waiting. */
  close(): number {
    this.#closed = true;
    const dropped = [...this.#waiting];
    this.#waiting.clear();
    for (const cancel of dropped) cancel(notSent('the node stopped'));
    return dropped.length;
  }
}

function notSent(reason: string): BlazwaError {
  return BlazwaError.cancelled(`Not sent: ${reason} (redeploy or shutdown) before this message's turn`);
}
