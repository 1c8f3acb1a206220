import { ConfigError, eventsFile, type AppConfig } from '../config';
import type { Clock } from '../shared/clock';
import type { EventStore } from './event-store';
import { SqliteEventStore } from './sqlite/sqlite-event-store';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store';

/** The one place that turns configuration into an event store, for the server and the CLI alike. */
export function openEventStore(config: AppConfig, clock: Clock): EventStore {
  switch (config.eventStore) {
    case 'sqlite':
      return SqliteEventStore.open(eventsFile(config), clock);
    case 'eventstoredb':
      if (!config.eventStoreDbUrl) throw new ConfigError('EVENTSTOREDB_URL', 'is required when EVENT_STORE=eventstoredb');
      return EventStoreDbEventStore.connect(config.eventStoreDbUrl, clock);
    default: {
      const unknownKind: never = config.eventStore;
      throw new ConfigError('EVENT_STORE', `unknown kind ${String(unknownKind)}`);
    }
  }
}
