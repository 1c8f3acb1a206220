import type { ProjectedEvent } from '../../projections/projection';
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
