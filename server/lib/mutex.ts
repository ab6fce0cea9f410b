/** A first-come first-served async lock. */
export class Mutex {
  private tail: Promise<void> = Promise.resolve();

  /** Waits for the lock; the returned function releases it (calling it twice is harmless). */
  acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((r) => (release = r));
    const ready = this.tail.then(() => {
      let done = false;
      return () => {
        if (done) return;
        done = true;
        release();
      };
    });
    this.tail = this.tail.then(() => next);
    return ready;
  }

  /** Runs `fn` holding the lock. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  }
}
