import type { Lane } from './lane';

/**
 * The lanes as last read, for queries, which ask for them at every document.
 * Dropped by the store's own lane writes, and whenever SQLite's data_version
 * says another connection (a replay from the CLI) committed; asked once per
 * turn of the event loop, so a query reading fifty documents checks once and
 * sees one state of the lanes.
 */
export class LaneCache {
  private cached: { lanes: readonly Lane[]; dataVersion: number } | null = null;
  private checkedThisTurn = false;

  constructor(
    private readonly read: () => Lane[],
    private readonly dataVersion: () => number,
  ) {}

  current(): readonly Lane[] {
    if (this.cached && this.checkedThisTurn) return this.cached.lanes;
    this.checkedThisTurn = true;
    queueMicrotask(() => (this.checkedThisTurn = false));
    const dataVersion = this.dataVersion();
    if (this.cached?.dataVersion !== dataVersion) this.cached = { lanes: this.read(), dataVersion };
    return this.cached.lanes;
  }

  drop(): void {
    this.cached = null;
  }
}
