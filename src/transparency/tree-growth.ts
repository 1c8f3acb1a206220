import type { LeafEntry, Position } from '../event-store/event-store';
import type { TreeStore } from './tree-store';
import { WITNESSES_STREAM } from './witnesses.events';

/** Leaf entries per read and per transaction of the tree. */
const BATCH = 1000;

/** Reads leaf entries from a position inclusive, in global order: the store's port, or the log's file in the tree's thread. */
export type LeafReader = (fromPosition: Position | undefined, limit: number) => LeafEntry[] | Promise<LeafEntry[]>;

export interface Growth {
  /** Leaves this call added. */
  added: number;
  /** Ids of the witnesses' CheckpointCosigned events read: their cosignatures are recorded from their data. */
  cosigned: string[];
}

/** Appends a leaf for every event after the tree's last one, batch after batch. */
export async function growTree(tree: TreeStore, read: LeafReader): Promise<Growth> {
  const growth: Growth = { added: 0, cosigned: [] };
  let last = tree.lastLeaf();
  for (;;) {
    const size = last ? last.leafIndex + 1 : 0;
    const entries = await read(last ? String(BigInt(last.position) + 1n) : undefined, BATCH);
    if (entries.length === 0) return growth;
    const batch = entries.map((e) => ({ position: e.position, eventId: e.id, stream: e.stream, eventHash: e.hash }));
    const after = tree.append(size, batch);
    // Another writer grew the tree first: its leaves stand, and this one reads on from them.
    if (after !== size + batch.length) {
      last = tree.lastLeaf();
      continue;
    }
    growth.added += batch.length;
    for (const e of entries) if (e.stream === WITNESSES_STREAM && e.type === 'CheckpointCosigned') growth.cosigned.push(e.id);
    last = { leafIndex: after - 1, ...batch[batch.length - 1] };
  }
}
