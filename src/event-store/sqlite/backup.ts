import { existsSync } from 'node:fs';
import { openDatabase } from '../../shared/sqlite';

/**
 * An online, consistent copy of the embedded event store through SQLite's
 * backup API: the server may keep appending while it runs; the copy holds
 * the log as of the moment the backup finished.
 */
export async function backupEventStore(source: string, destination: string): Promise<{ pages: number }> {
  if (!existsSync(source)) throw new Error(`no event store at ${source}`);
  if (existsSync(destination)) throw new Error(`${destination} exists; choose a new file`);
  const db = openDatabase(source);
  try {
    const { totalPages } = await db.backup(destination);
    return { pages: totalPages };
  } finally {
    db.close();
  }
}
