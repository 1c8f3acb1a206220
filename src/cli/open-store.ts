import { loadConfig } from '../config';
import type { EventStore } from '../event-store/event-store';
import { openEventStore } from '../event-store/open-event-store';
import { SystemClock } from '../shared/clock';

/** Runs a CLI action against the configured store and always closes it. */
export async function withStore<T>(action: (store: EventStore) => Promise<T>): Promise<T> {
  const store = openEventStore(loadConfig(), new SystemClock());
  try {
    return await action(store);
  } finally {
    await store.close();
  }
}
