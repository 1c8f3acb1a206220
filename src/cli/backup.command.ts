import { resolve } from 'node:path';
import type { Command } from 'commander';
import { eventsFile, loadConfig } from '../config';
import { backupEventStore } from '../event-store/sqlite/backup';
import { verifyLog, describeBreak } from '../event-store/integrity';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store';
import { SystemClock } from '../shared/clock';

export function registerBackup(program: Command): void {
  program
    .command('backup')
    .description('online backup of the embedded event store, verified; restore by copying it to DATA_DIR/events.db')
    .requiredOption('--out <file>', 'the backup file to create')
    .action(async (options: { out: string }) => {
      const config = loadConfig();
      if (config.eventStore !== 'sqlite') throw new Error('backup copies the embedded store; on EventStoreDB use its own backups, or `confiance export`');
      const destination = resolve(options.out);
      const { pages } = await backupEventStore(eventsFile(config), destination);
      // A backup that does not verify is not a backup: check every chain in the copy.
      const copy = SqliteEventStore.open(destination, new SystemClock());
      try {
        const report = await verifyLog(copy);
        if (report.firstBroken) throw new Error(`the backup does not verify: ${describeBreak(report.firstBroken)}`);
        console.log(`backup ${destination}: ${report.events} events in ${report.streams} streams, ${pages} pages, verified`);
      } finally {
        await copy.close();
      }
    });
}
