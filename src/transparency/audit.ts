import type { EventStore, RecordedEvent } from '../event-store/event-store';
import { openCheckpoint } from './checkpoint';
import { Frontier, leafHash } from './merkle';
import type { Verifier } from './note';
import { verifyTimestamp } from './timestamp-verify';
import type { LeafRecord, TreeStore } from './tree-store';

const PAGE = 1000;

export interface TransparencyAudit {
  ok: boolean;
  /** Leaves recomputed from the log. */
  leaves: number;
  /** Signed checkpoints checked against the recomputed tree. */
  checkpoints: number;
  /** Checkpoints whose RFC 3161 token stamps their signed note, under a valid TSA signature. */
  timestamped?: number;
  /** What does not hold, naming the checkpoint size and the first differing leaf. */
  problem: string | null;
}

interface SignedSize {
  size: number;
  root: Buffer;
}

/** Where the log and the tree kept beside it first part ways. */
interface Difference {
  leafIndex: number;
  kept?: LeafRecord;
  found?: RecordedEvent;
}

/**
 * Recomputes the Merkle tree from the log in global order and holds it to
 * every signed checkpoint (sizes and roots read from the signed notes, never
 * from unsigned columns) and to the leaves recorded as the log grew. Deleted,
 * moved, reordered or rewritten events change a leaf; a truncated log falls
 * short of a checkpoint's size.
 */
export async function auditTransparency(store: EventStore, tree: TreeStore, log: Verifier): Promise<TransparencyAudit> {
  const signed: SignedSize[] = [];
  for (const checkpoint of tree.allCheckpoints()) {
    try {
      const opened = openCheckpoint(checkpoint.note, log);
      signed.push({ size: opened.size, root: opened.rootHash });
    } catch (error) {
      return failed(0, 0, `checkpoint of size ${checkpoint.treeSize}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  signed.sort((a, b) => a.size - b.size);
  const timestamped = await checkTimestamps(tree);
  if (typeof timestamped === 'string') return failed(0, 0, timestamped);
  const frontier = new Frontier();
  let kept: LeafRecord[] = [];
  let next = 0;
  let difference: Difference | null = null;
  for await (const event of store.readAll({ batchSize: PAGE })) {
    const index = frontier.size;
    if (index % PAGE === 0) kept = tree.leaves(index, PAGE);
    const leaf = kept[index % PAGE];
    if (!difference && leaf && (leaf.eventId !== event.id || leaf.eventHash !== event.metadata.hash || leaf.position !== event.position)) {
      difference = { leafIndex: index, kept: leaf, found: event };
    }
    frontier.append(leafHash(Buffer.from(event.metadata.hash, 'hex')));
    for (; next < signed.length && signed[next].size === frontier.size; next++) {
      if (!frontier.root().equals(signed[next].root)) {
        return failed(frontier.size, next, `checkpoint of size ${signed[next].size} no longer matches the log: ${await describe(store, difference)}`);
      }
    }
  }
  const length = frontier.size;
  if (!difference && tree.size() > length) difference = { leafIndex: length, kept: tree.leaves(length, 1)[0] };
  if (next < signed.length) {
    const message = `checkpoint of size ${signed[next].size} no longer matches the log, which holds ${length} events: ${await describe(store, difference)}`;
    return failed(length, next, message);
  }
  if (difference) return failed(length, next, `the log no longer matches the tree kept beside it: ${await describe(store, difference)}`);
  return { ok: true, leaves: length, checkpoints: signed.length, timestamped, problem: null };
}

/**
 * Each stored token must stamp its checkpoint's signed note under a valid
 * TSA signature: a checkpoint re-signed after the fact no longer matches the
 * token a TSA gave for the original. Answers how many hold, or what does not.
 */
async function checkTimestamps(tree: TreeStore): Promise<number | string> {
  let held = 0;
  for (const checkpoint of tree.allCheckpoints()) {
    if (!checkpoint.tsaToken) continue;
    const check = await verifyTimestamp(checkpoint.tsaToken, checkpoint.note, []);
    if (!check.ok) return `checkpoint of size ${checkpoint.treeSize}: its RFC 3161 time-stamp does not hold: ${check.problem}`;
    held += 1;
  }
  return held;
}

const failed = (leaves: number, checkpoints: number, problem: string): TransparencyAudit => ({ ok: false, leaves, checkpoints, problem });

const eventAt = (leaf: LeafRecord) => `event ${leaf.eventId} of stream ${leaf.stream} at position ${leaf.position}`;

async function describe(store: EventStore, difference: Difference | null): Promise<string> {
  if (!difference) return 'the leaves kept beside the log were rewritten too; the signed root is the one to trust';
  const { leafIndex, kept, found } = difference;
  if (!kept) return `first differing leaf ${leafIndex}`;
  if (found && found.id === kept.eventId) {
    if (found.metadata.hash !== kept.eventHash) return `first differing leaf ${leafIndex}: event ${kept.eventId} of stream ${kept.stream} was rewritten (its hash changed)`;
    return `first differing leaf ${leafIndex}: event ${kept.eventId} of stream ${kept.stream} moved from position ${kept.position} to position ${found.position}`;
  }
  const there = found ? `, the log now has event ${found.id} of stream ${found.stream} at position ${found.position} there` : '';
  return `first differing leaf ${leafIndex} was ${eventAt(kept)}${there}; ${await fateOf(store, kept)}`;
}

/** What became of the event a leaf stood for: moved elsewhere, or gone with or without its stream. */
async function fateOf(store: EventStore, leaf: LeafRecord): Promise<string> {
  for await (const event of store.readAll({ ids: [leaf.eventId] })) {
    const hashNote = event.metadata.hash === leaf.eventHash ? '' : ' and its hash changed';
    return `event ${leaf.eventId} moved to position ${event.position}${hashNote}`;
  }
  for await (const _event of store.readStream(leaf.stream, { maxCount: 1 })) {
    return `event ${leaf.eventId} is missing from the log`;
  }
  return `event ${leaf.eventId} is missing from the log, and stream ${leaf.stream} no longer exists`;
}
