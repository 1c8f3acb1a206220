import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { comparePositions, type EventStore, type RecordedEvent } from '../event-store/event-store';
import { ChainVerifier } from '../event-store/hash-chain';
import { isImportable, parseExportLine } from '../event-store/import';
import { withStore } from './open-store';
import { CarriedCheckpointCheck, isCarriedCheckpoint, type CarriedCheckpoint } from '../transparency/carried-checkpoints';
import { parseVerifierKey, type Verifier } from '../transparency/note';

/** A carried checkpoint line, or null for any other line. */
function carriedCheckpointOf(text: string): CarriedCheckpoint | null {
  if (!text.startsWith('{"checkpoint"')) return null;
  try {
    const value: unknown = JSON.parse(text);
    return isCarriedCheckpoint(value) ? value : null;
  } catch {
    return null;
  }
}

const BATCH = 1000;

export interface ImportSummary {
  events: number;
  streams: number;
}

/** A refusal that names the line of the file at fault. */
export class ImportLineError extends Error {
  constructor(
    readonly line: number,
    reason: string,
  ) {
    super(`line ${line}: ${reason}`);
    this.name = 'ImportLineError';
  }
}

type ExportLine = { line: number; event: RecordedEvent; checkpoint?: never } | { line: number; checkpoint: CarriedCheckpoint; event?: never };

/** The events (and carried checkpoints) of an export file with their line numbers, read line by line (blank lines are skipped). */
async function* readExport(file: string): AsyncGenerator<ExportLine> {
  const input = createReadStream(file, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const text of lines) {
      line += 1;
      if (text.trim() === '') continue;
      const carried = carriedCheckpointOf(text);
      if (carried) {
        yield { line, checkpoint: carried };
        continue;
      }
      try {
        yield { line, event: parseExportLine(text) };
      } catch (error) {
        if (error instanceof ImportLineError) throw error;
        throw new ImportLineError(line, error instanceof Error ? error.message : String(error));
      }
    }
  } finally {
    lines.close();
    input.destroy();
  }
}

/**
 * Checks the whole file before writing anything: every stream's chain
 * (revision, prevHash, hash, as `confiance verify` does) and the global order.
 */
async function verifyExport(file: string, logKey: Verifier | null): Promise<ImportSummary> {
  const verifier = new ChainVerifier();
  const checkpoints = new CarriedCheckpointCheck(logKey);
  let previous: RecordedEvent | null = null;
  for await (const { line, event, checkpoint } of readExport(file)) {
    if (checkpoint) {
      const refused = checkpoints.checkpoint(checkpoint);
      if (refused) throw new ImportLineError(line, refused);
      continue;
    }
    checkpoints.event(event);
    if (previous && comparePositions(previous.position, event.position) >= 0) {
      throw new ImportLineError(line, `position ${event.position} does not follow position ${previous.position}`);
    }
    const broken = verifier.check(event);
    if (broken) throw new ImportLineError(line, `${broken.stream} revision ${broken.revision}: ${broken.reason}`);
    previous = event;
  }
  const mismatch = checkpoints.mismatch();
  if (mismatch) throw new Error(mismatch);
  return { events: verifier.events, streams: verifier.streams };
}

/**
 * Loads an export into an EMPTY store of either kind. The file is read twice,
 * line by line: once to verify it entirely, once to write it in batches, so a
 * tampered file is refused before the store is touched.
 */
export async function importLog(store: EventStore, file: string, logKey: Verifier | null = null): Promise<ImportSummary> {
  if (!isImportable(store)) throw new Error(`the ${store.kind} event store cannot import events`);
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) throw new Error(`${file} is not a readable file`);
  const head = await store.headPosition();
  if (head !== null) {
    throw new Error(`the ${store.kind} event store is not empty (head position ${head}): import only into an empty store`);
  }
  const summary = await verifyExport(file, logKey);
  let batch: RecordedEvent[] = [];
  for await (const { event } of readExport(file)) {
    if (!event) continue;
    batch.push(event);
    if (batch.length === BATCH) {
      await store.importRecorded(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await store.importRecorded(batch);
  return summary;
}

export function registerImport(program: Command): void {
  program
    .command('import <file>')
    .description('load a JSON Lines export into an EMPTY event store, keeping ids, streams, revisions, data and metadata')
    .option('--log-key <vkey>', "the source log's C2SP verifier key: carried checkpoints must be signed by it")
    .action(async (path: string, options: { logKey?: string }) => {
      const file = resolve(path);
      const logKey = options.logKey ? parseVerifierKey(options.logKey) : null;
      const summary = await withStore((store) => importLog(store, file, logKey), { createsLedger: true });
      console.log(`imported ${summary.events} events in ${summary.streams} streams from ${file}`);
    });
}
