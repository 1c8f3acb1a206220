/**
 * Runs tasks one at a time per key, in call order. The adapter serialises this
 * process's appends to one stream, so that concurrent appends from one server
 * do not race each other for the same expected revision (they would all but
 * one fail and retry); other processes are still handled by ESDB's check.
 */
export class StreamLocks {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with a task queued or running (for tests and diagnostics). */
  get size(): number {
    return this.tails.size;
  }
}
