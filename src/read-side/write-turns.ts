/**
 * Turns at writing the read-model file, shared by a rebuild's threads
 * through one Int32 of shared memory (0: free, 1: taken). SQLite lets one
 * connection write at a time; a thread that found the file busy used to
 * sleep in SQLite's busy handler (in steps of up to 100 ms, and past its
 * 10-second timeout it failed the rebuild). With turns, a thread due to save
 * while another writes carries on running its reducers and saves later, and
 * only waits, woken as soon as the turn is given, when it holds too much.
 */
export class WriteTurns {
  private readonly word: Int32Array;

  constructor(shared: SharedArrayBuffer = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT)) {
    this.word = new Int32Array(shared, 0, 1);
  }

  /** Takes the turn if no thread has it; answers whether it did. */
  tryTake(): boolean {
    return Atomics.compareExchange(this.word, 0, 0, 1) === 0;
  }

  /** Waits for the turn and takes it. */
  take(): void {
    while (!this.tryTake()) Atomics.wait(this.word, 0, 1, 1000);
  }

  give(): void {
    Atomics.store(this.word, 0, 0);
    Atomics.notify(this.word, 0, 1);
  }
}
