import type { EventStore } from '../event-store/event-store';
import type { Clock } from '../shared/clock';
import { invalid, notFound } from '../shared/errors';
import { signCheckpoint } from './checkpoint';
import { consistencyProof, inclusionProof, leafHash, rootHash, type EdgeCache } from './merkle';
import type { LogKey } from './log-key';
import type { Timestamper } from './timestamper';
import { growTree } from './tree-growth';
import type { StoredCheckpoint, TreeStore } from './tree-store';
import { WITNESSES_STREAM, type WitnessEvent } from './witnesses.events';

type CosignedData = Extract<WitnessEvent, { type: 'CheckpointCosigned' }>['data'];

export interface InclusionAnswer {
  leafIndex: number;
  treeSize: number;
  /** The event the leaf stands for, and its position in the log. */
  eventId: string;
  position: string;
  leafHash: string;
  rootHash: string;
  hashes: string[];
}

export interface ConsistencyAnswer {
  from: number;
  to: number;
  hashes: string[];
}

const b64 = (hash: Buffer) => hash.toString('base64');

/** A checkpoint as served: the log's signed note followed by every witness's cosignature line. */
export const servedCheckpoint = (checkpoint: StoredCheckpoint) => checkpoint.note + checkpoint.cosignatures.join('');

/**
 * The Merkle tree over the whole log, in global order, kept beside the store:
 * it follows the log through the event-store port on any backend, and signs
 * checkpoints with the log key.
 */
export class TransparencyLog {
  constructor(
    readonly tree: TreeStore,
    readonly key: LogKey,
    private readonly clock: Clock,
    /** Where a TSA_URL is configured: RFC 3161 tokens for the checkpoints. */
    readonly timestamper: Timestamper | null = null,
  ) {}

  /** Appends a leaf for every event after the tree's last one, in this thread; answers how many were added. */
  async catchUp(store: EventStore): Promise<number> {
    const growth = await growTree(this.tree, (fromPosition, limit) => store.readLeaves(fromPosition, limit));
    await this.keepCosignatures(store, growth.cosigned);
    return growth.added;
  }

  /** Records the cosignatures of these witness events, read by id: only they need their data decoded. */
  async keepCosignatures(store: EventStore, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    for await (const event of store.readAll({ stream: WITNESSES_STREAM, ids })) {
      if (event.type === 'CheckpointCosigned') this.keepCosignature(event.data as CosignedData);
    }
  }

  private keepCosignature(data: CosignedData): void {
    if (this.tree.checkpointAt(data.treeSize)) this.tree.recordCosignature(data.treeSize, data.witness, data.cosignature);
  }

  /** Signs and records a checkpoint of the current tree unless the latest one already covers it. */
  issueCheckpoint(tsaToken: Buffer | null = null): StoredCheckpoint | undefined {
    const size = this.tree.size();
    const latest = this.tree.latestCheckpoint();
    if (latest && latest.treeSize >= size) return latest;
    if (size === 0 && !latest) return undefined;
    const root = rootHash(size, this.tree.fetch);
    const note = signCheckpoint({ origin: this.key.origin, size, rootHash: root }, this.key.privateKey);
    this.tree.recordCheckpoint({ treeSize: size, rootHash: root, note, issuedAt: this.clock.now().toISOString(), tsaToken });
    return this.tree.checkpointAt(size);
  }

  /** The signed note of the checkpoint of exactly `size` leaves, signed and recorded now if none was. */
  checkpointOfSize(size: number): string {
    const stored = this.tree.checkpointAt(size);
    if (stored) return stored.note;
    if (size < 1 || size > this.tree.size()) throw new Error(`the transparency log has ${this.tree.size()} leaves, no tree of size ${size}`);
    const root = rootHash(size, this.tree.fetch);
    const note = signCheckpoint({ origin: this.key.origin, size, rootHash: root }, this.key.privateKey);
    this.tree.recordCheckpoint({ treeSize: size, rootHash: root, note, issuedAt: this.clock.now().toISOString(), tsaToken: null });
    return note;
  }

  latest(): StoredCheckpoint | undefined {
    return this.tree.latestCheckpoint();
  }

  inclusion(eventId: string, treeSize?: number): InclusionAnswer {
    const leaf = this.tree.leafOf(eventId);
    if (!leaf) throw notFound(`event ${eventId} is not in the transparency log (yet)`, { eventId });
    const size = treeSize ?? this.latest()?.treeSize ?? this.tree.size();
    this.checkSize('treeSize', size);
    if (leaf.leafIndex >= size) throw invalid('treeSize', `event ${eventId} is leaf ${leaf.leafIndex}, not in a tree of ${size} leaves`);
    return {
      leafIndex: leaf.leafIndex,
      treeSize: size,
      eventId,
      position: leaf.position,
      leafHash: b64(leafHash(Buffer.from(leaf.eventHash, 'hex'))),
      rootHash: b64(this.rootAt(size)),
      hashes: inclusionProof(leaf.leafIndex, size, this.tree.fetch, this.edgesOf(size)).map(b64),
    };
  }

  /** Roots and right-edge hashes of the sizes proofs were last asked against: most ask against the latest checkpoint. */
  private readonly roots = new Map<number, Buffer>();
  private readonly edges = new Map<number, EdgeCache>();

  private edgesOf(size: number): EdgeCache {
    let cache = this.edges.get(size);
    if (!cache) {
      if (this.edges.size >= 16) this.edges.delete(this.edges.keys().next().value as number);
      this.edges.set(size, (cache = new Map()));
    }
    return cache;
  }

  private rootAt(size: number): Buffer {
    let root = this.roots.get(size);
    if (!root) {
      root = rootHash(size, this.tree.fetch);
      if (this.roots.size >= 16) this.roots.delete(this.roots.keys().next().value as number);
      this.roots.set(size, root);
    }
    return root;
  }

  consistency(from: number, to: number): ConsistencyAnswer {
    this.checkSize('from', from);
    this.checkSize('to', to);
    if (from > to) throw invalid('from', `must not exceed to (${to})`);
    return { from, to, hashes: consistencyProof(from, to, this.tree.fetch).map(b64) };
  }

  private checkSize(field: string, size: number): void {
    if (!Number.isSafeInteger(size) || size < 0) throw invalid(field, 'must be a non-negative integer');
    // The tree only grows: a size within what this process knows needs no query.
    if (size <= this.tree.knownSize) return;
    const current = this.tree.size();
    if (size > current) throw invalid(field, `the log has ${current} leaves`);
  }
}
