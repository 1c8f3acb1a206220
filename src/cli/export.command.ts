import { createWriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import type { EventStore, Position } from '../event-store/event-store';
import { exportLineOf } from '../event-store/import';
import { withStore } from './open-store';
import { checkpointsToCarry } from './open-transparency';

export interface ExportSummary {
  events: number;
  /** The position the export stops at: the log head when it started. */
  head: Position | null;
}

/**
 * Streams every event, in global order, up to the head position at the start
 * (a consistent cut even while the server keeps appending), one JSON line per
 * event. Written to FILE.partial, flushed to disk, then renamed: a FILE that
 * exists is a complete export.
 */
export async function exportLog(store: EventStore, file: string, leading: (events: number) => string[] = () => []): Promise<ExportSummary> {
  const head = await store.headPosition();
  const partial = `${file}.partial`;
  let events = 0;
  async function* lines(): AsyncGenerator<string> {
    if (head === null) return;
    for (const line of leading(await store.countUpTo(head))) yield `${line}\n`;
    for await (const event of store.readAll({ toPosition: head, batchSize: 1000 })) {
      events += 1;
      yield `${exportLineOf(event)}\n`;
    }
  }
  try {
    await pipeline(Readable.from(lines()), createWriteStream(partial));
    const handle = await open(partial, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  return { events, head };
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('write every event, in global order, to a JSON Lines file (one recorded envelope per line)')
    .requiredOption('--out <file>', 'the .jsonl file to write')
    .action(async (options: { out: string }) => {
      const file = resolve(options.out);
      const summary = await withStore((store) => exportLog(store, file, checkpointsToCarry));
      console.log(`exported ${summary.events} events up to position ${summary.head ?? 'none'} to ${file}`);
    });
}
