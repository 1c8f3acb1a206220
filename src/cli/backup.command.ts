import type { Command } from 'commander';
import { eventsFile, loadConfig } from '../config';
import { backupEventStore } from '../event-store/sqlite/backup';
import { verifyLog, describeBreak } from '../event-store/integrity';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store';
import { SystemClock } from '../shared/clock';
import { requireLedger } from './open-store';
import { outputTarget, replaceAtomically } from './output-file';

export function registerBackup(program: Command): void {
  program
    .command('backup')
    .description('online backup of the embedded event store, verified; restore by copying it to DATA_DIR/events.db')
    .requiredOption('--out <file>', 'the backup file to create (outside DATA_DIR)')
    .option('--force', 'replace an existing file, or write inside DATA_DIR (never over the ledger itself)', false)
    .action(async (options: { out: string; force: boolean }) => {
      const config = loadConfig();
      if (config.eventStore !== 'sqlite') throw new Error('backup copies the embedded store; on EventStoreDB use its own backups, or `confiance export`');
      requireLedger(config);
      const destination = outputTarget(options.out, config, options.force);
      let verified = '';
      await replaceAtomically(destination, async (copyFile) => {
        const { pages } = await backupEventStore(eventsFile(config), copyFile);
        // A backup that does not verify is not a backup: check every chain in the copy before it takes its name.
        const copy = SqliteEventStore.open(copyFile, new SystemClock());
        try {
          const report = await verifyLog(copy);
          if (report.firstBroken) throw new Error(`the backup does not verify: ${describeBreak(report.firstBroken)}`);
          verified = `${report.events} events in ${report.streams} streams, ${pages} pages, verified`;
        } finally {
          await copy.close();
        }
      });
      console.log(`backup ${destination}: ${verified}`);
    });
}
