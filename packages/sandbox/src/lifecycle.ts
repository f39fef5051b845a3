/** Waits that end early when the sandbox closes, so a long fault delay never holds a test run open. */
export class Lifecycle {
  readonly #pending = new Set<() => void>();

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#pending.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#pending.add(done);
    });
  }

  close(): void {
    for (const done of [...this.#pending]) done();
  }
}
