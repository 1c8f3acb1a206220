import { comparePositions, type EventStore, type Position } from '../event-store/event-store';
import { exportLineOf } from '../event-store/import';
import type { DossierTransparency } from '../dossier/dossier.model';
import { consistencyProof, inclusionProof } from './merkle';
import type { TransparencyLog } from './transparency-log';
import { WITNESSES_STREAM, type WitnessEvent } from './witnesses.events';

/**
 * What a dossier carries besides the checkpoint and the heads' proofs.
 * Issuing asks the TSA for a token when the checkpoint has none; drawing a
 * dossier again embeds what the issued one embedded, so that a token or a
 * cosignature arriving later does not change the bytes.
 */
export interface ProofContents {
  timestamp: 'ask' | 'stored' | 'none';
  witnessed: boolean;
}

export const ISSUING: ProofContents = { timestamp: 'ask', witnessed: true };

/** The contents of the transparency annex of an issued dossier, to draw it again byte for byte. */
export const contentsOf = (issued: DossierTransparency | undefined): ProofContents => ({
  timestamp: issued?.timestamp === undefined ? 'none' : 'stored',
  witnessed: issued?.witnessed !== undefined,
});

/**
 * The transparency annex of a dossier as of `position`: the log's checkpoint
 * of exactly the events up to it (signed now if none was, and recorded:
 * Ed25519 is deterministic, so the same tree gives the same bytes again),
 * its RFC 3161 token, each stream head's event with its inclusion proof, and
 * the last checkpoint witnesses had cosigned by `position` with the proof
 * that the dossier's checkpoint extends it.
 */
export async function dossierProof(
  log: TransparencyLog,
  store: EventStore,
  position: Position,
  heads: readonly { stream: string; revision: number }[],
  contents: ProofContents = ISSUING,
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
  const timestamp = await timestampOf(log, size, contents);
  const witnessed = contents.witnessed ? await witnessedBy(log, store, position, size) : undefined;
  return { checkpoint, heads: proofs, ...(timestamp ? { timestamp } : {}), ...(witnessed ? { witnessed } : {}) };
}

async function timestampOf(log: TransparencyLog, size: number, contents: ProofContents): Promise<string | undefined> {
  if (contents.timestamp === 'none') return undefined;
  const stored = log.tree.checkpointAt(size)?.tsaToken;
  if (stored || contents.timestamp === 'stored') return stored?.toString('base64');
  const asked = log.timestamper?.available ? await log.timestamper.stamp(size) : null;
  return asked?.toString('base64');
}

type Cosigned = Extract<WitnessEvent, { type: 'CheckpointCosigned' }>['data'];

/**
 * The largest checkpoint, at most the dossier's, that witnesses had cosigned
 * by `position`, with the cosignatures recorded by then (the log itself says
 * which: the same position always gives the same ones), and the RFC 9162
 * consistency proof from it to the dossier's checkpoint.
 */
async function witnessedBy(log: TransparencyLog, store: EventStore, position: Position, size: number): Promise<DossierTransparency['witnessed']> {
  const lines = new Map<number, Map<string, string>>();
  for await (const event of store.readStream(WITNESSES_STREAM)) {
    if (comparePositions(event.position, position) > 0) break;
    if (event.type !== 'CheckpointCosigned') continue;
    const data = event.data as Cosigned;
    if (data.treeSize > size || !log.tree.checkpointAt(data.treeSize)) continue;
    const byWitness = lines.get(data.treeSize) ?? new Map<string, string>();
    lines.set(data.treeSize, byWitness.set(data.witness, data.cosignature));
  }
  const cosigned = Math.max(0, ...lines.keys());
  const stored = cosigned > 0 ? log.tree.checkpointAt(cosigned) : undefined;
  if (!stored) return undefined;
  const cosignatures = [...lines.get(cosigned)!.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, line]) => line);
  return { checkpoint: stored.note + cosignatures.join(''), hashes: consistencyProof(cosigned, size, log.tree.fetch).map((h) => h.toString('base64')) };
}
