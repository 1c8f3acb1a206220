import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { loadConfig } from '../config';
import type { EventStore, Position } from '../event-store/event-store';
import { exportLineOf } from '../event-store/import';
import { requireLedger, withStore } from './open-store';
import { outputTarget, replaceAtomically } from './output-file';
import { checkpointsToCarry } from './open-transparency';

export interface ExportSummary {
  events: number;
  /** The position the export stops at: the log head when it started. */
  head: Position | null;
}

/**
 * Streams every event, in global order, up to the head position at the start
 * (a consistent cut even while the server keeps appending), one JSON line per
 * event. Written to a temporary file beside FILE, flushed to disk, then
 * renamed: a FILE that exists is a complete export.
 */
export async function exportLog(store: EventStore, file: string, leading: (events: number) => string[] = () => []): Promise<ExportSummary> {
  const head = await store.headPosition();
  let events = 0;
  async function* lines(): AsyncGenerator<string> {
    if (head === null) return;
    for (const line of leading(await store.countUpTo(head))) yield `${line}\n`;
    for await (const event of store.readAll({ toPosition: head, batchSize: 1000 })) {
      events += 1;
      yield `${exportLineOf(event)}\n`;
    }
  }
  await replaceAtomically(file, (temporary) => pipeline(Readable.from(lines()), createWriteStream(temporary, { flags: 'wx' })));
  return { events, head };
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('write every event, in global order, to a JSON Lines file (one recorded envelope per line)')
    .requiredOption('--out <file>', 'the .jsonl file to write (outside DATA_DIR)')
    .option('--force', 'replace an existing file, or write inside DATA_DIR (never over the ledger itself)', false)
    .action(async (options: { out: string; force: boolean }) => {
      const config = loadConfig();
      requireLedger(config);
      const file = outputTarget(options.out, config, options.force);
      const summary = await withStore((store) => exportLog(store, file, checkpointsToCarry));
      console.log(`exported ${summary.events} events up to position ${summary.head ?? 'none'} to ${file}`);
    });
}
