/**
 * Run as a separate Node process by the contract suite: appends events to a
 * SQLite event store file, as the CLI does while the server runs.
 * Arguments: <file> <stream> <events as JSON>
 */
import { SqliteEventStore } from '../../../src/event-store/sqlite/sqlite-event-store';
import { SystemClock } from '../../../src/shared/clock';

async function main(): Promise<void> {
  const [file, stream, eventsJson] = process.argv.slice(2);
  const store = SqliteEventStore.open(file, new SystemClock());
  await store.append(stream, JSON.parse(eventsJson), 'any');
  await store.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
