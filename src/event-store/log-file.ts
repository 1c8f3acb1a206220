import type { ProjectedEvent } from '../../projections/projection';
import { openDatabase } from '../shared/sqlite';
import type { LeafEntry, Position } from './event-store';
import { EventsTable, leafEntries } from './sqlite/events-table';
import { ReplayLog } from './sqlite/replay-log';

/** The log read straight from its file, on a connection of the reader's own: what a rebuild's threads read. */
export interface LogFile {
  /** How many events of each type the log holds up to `upTo`. */
  typeCounts(upTo: number): Map<string, number>;
  /** Batches of the events of `types`, in log order, up to `upTo` inclusive. */
  batches(types: readonly string[], upTo: number, batchSize: number, counts?: ReadonlyMap<string, number>): Iterable<ProjectedEvent[]>;
  close(): void;
}

/** Opens the file an `EventStore` names in `file` (only the embedded store has one), read-only. */
export const openLogFile = (file: string): LogFile => new ReplayLog(file);

/** The leaf entries of the log read straight from its file, on a connection of the reader's own: what the tree's thread reads. */
export interface LeafFile {
  readLeaves(fromPosition: Position | undefined, limit: number): LeafEntry[];
  close(): void;
}

/** Opens the file an `EventStore` names in `file`, read-only, for its leaf entries. */
export function openLeafFile(file: string): LeafFile {
  const db = openDatabase(file, { readonly: true });
  const table = new EventsTable(db);
  return {
    readLeaves: (fromPosition, limit) => leafEntries(table, fromPosition, limit),
    close: () => db.close(),
  };
}
