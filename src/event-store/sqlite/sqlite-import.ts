import type Database from 'better-sqlite3';
import type { RecordedEvent } from '../event-store';
import { importBreak, type StreamHead } from '../import';
import { DomainError } from '../../shared/errors';
import type { EventsTable } from './events-table';

/**
 * Writes events sealed in another store (`confiance import`), in the given
 * order, in one transaction: ids, streams, revisions, data and metadata as
 * they are. Each event must continue its stream's chain as stored here and
 * match its own hash, or nothing of the batch is written. Positions are kept
 * when they follow the current head, so a SQLite-to-SQLite move is exact.
 */
export function importIntoSqlite(db: Database.Database, table: EventsTable, events: readonly RecordedEvent[]): void {
  db.transaction(() => {
    const heads = new Map<string, StreamHead | undefined>();
    let lastPosition = table.headPosition() ?? 0;
    for (const event of events) {
      const head = heads.has(event.stream) ? heads.get(event.stream) : table.head(event.stream);
      const broken = importBreak(head, event);
      if (broken) throw new DomainError('validation', `cannot import ${event.stream} revision ${event.revision}: ${broken}`);
      const wanted = Number(event.position);
      lastPosition = table.insert(event, Number.isSafeInteger(wanted) && wanted > lastPosition ? wanted : null);
      heads.set(event.stream, { revision: event.revision, hash: event.metadata.hash });
    }
  }).immediate();
}
