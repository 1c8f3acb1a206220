import type { EventStore, Position } from '../event-store/event-store';
import { exportLineOf } from '../event-store/import';
import type { DossierTransparency } from '../dossier/dossier.model';
import { inclusionProof } from './merkle';
import type { TransparencyLog } from './transparency-log';

/**
 * The transparency annex of a dossier as of `position`: the log's checkpoint
 * of exactly the events up to it (signed now if none was, and recorded:
 * Ed25519 is deterministic, so the same tree gives the same bytes again),
 * and each stream head's event with its inclusion proof.
 */
export async function dossierProof(
  log: TransparencyLog,
  store: EventStore,
  position: Position,
  heads: readonly { stream: string; revision: number }[],
): Promise<DossierTransparency> {
  const size = await store.countUpTo(position);
  if (log.tree.size() < size) await log.catchUp(store);
  const checkpoint = log.checkpointOfSize(size);
  const proofs: DossierTransparency['heads'] = [];
  for (const head of heads) {
    for await (const event of store.readStream(head.stream, { fromRevision: head.revision, maxCount: 1 })) {
      const leaf = log.tree.leafOf(event.id);
      if (!leaf || leaf.leafIndex >= size) throw new Error(`the head of stream ${head.stream} is not among the first ${size} leaves of the transparency log`);
      const hashes = inclusionProof(leaf.leafIndex, size, log.tree.fetch).map((h) => h.toString('base64'));
      proofs.push({ stream: event.stream, leafIndex: leaf.leafIndex, event: JSON.parse(exportLineOf(event)) as Record<string, unknown>, hashes });
    }
  }
  return { checkpoint, heads: proofs };
}
