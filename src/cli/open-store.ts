import { existsSync } from 'node:fs';
import { eventsFile, loadConfig, type AppConfig } from '../config';
import type { EventStore } from '../event-store/event-store';
import { openEventStore } from '../event-store/open-event-store';
import { SystemClock } from '../shared/clock';

/**
 * Commands that read (or add to) an existing ledger refuse a DATA_DIR that
 * holds none, before anything could create a file there: a mistyped
 * DATA_DIR is an error, not an empty ledger.
 */
export function requireLedger(config: AppConfig): void {
  if (config.eventStore !== 'sqlite' || existsSync(eventsFile(config))) return;
  const where = existsSync(config.dataDir) ? 'holds no ledger (no events.db)' : 'does not exist';
  throw new Error(`DATA_DIR ${config.dataDir} ${where}: check DATA_DIR; nothing was created`);
}

/**
 * Runs a CLI action against the configured store and always closes it. Only
 * the commands that start a ledger (token create, demo, import) pass
 * `createsLedger`; every other one needs an existing ledger.
 */
export async function withStore<T>(action: (store: EventStore) => Promise<T>, options: { createsLedger?: boolean } = {}): Promise<T> {
  const config = loadConfig();
  if (!options.createsLedger) requireLedger(config);
  const store = openEventStore(config, new SystemClock());
  try {
    return await action(store);
  } finally {
    await store.close();
  }
}
