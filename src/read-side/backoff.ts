/**
 * Waits that double after each failure up to a ceiling, and start again from
 * the first once something succeeds: a store that is down is not hammered,
 * and one that is back is followed again within seconds.
 */
export class Backoff {
  private current: number;

  constructor(private readonly firstMs: number, private readonly maxMs: number) {
    this.current = firstMs;
  }

  /** The wait before the next attempt. */
  next(): number {
    const wait = this.current;
    this.current = Math.min(this.current * 2, this.maxMs);
    return wait;
  }

  reset(): void {
    this.current = this.firstMs;
  }
}
