import type { RecordedEvent } from '../event-store/event-store';
import { openCheckpoint } from './checkpoint';
import { Frontier, leafHash } from './merkle';
import { parseVerifierKey, type Verifier } from './note';
import type { StoredCheckpoint } from './tree-store';

/**
 * Checkpoints an export carries before its events, one JSON line each:
 * `{"checkpoint": "<signed note>", "verifierKey": "<C2SP verifier key>"}`.
 * An import recomputes the tree of the file's events and refuses the file
 * when one of them does not match.
 */
export interface CarriedCheckpoint {
  checkpoint: string;
  verifierKey: string;
}

export const isCarriedCheckpoint = (value: unknown): value is CarriedCheckpoint =>
  typeof value === 'object' && value !== null && typeof (value as CarriedCheckpoint).checkpoint === 'string' && typeof (value as CarriedCheckpoint).verifierKey === 'string';

/** The lines to append to an export of `events` events: every checkpoint it covers. */
export const carriedCheckpointLines = (checkpoints: readonly StoredCheckpoint[], verifierKey: string, events: number): string[] =>
  checkpoints.filter((c) => c.treeSize <= events).map((c) => JSON.stringify({ checkpoint: c.note, verifierKey } satisfies CarriedCheckpoint));

/** Follows the events of a file and checks the checkpoints it carries; each method answers why not, or null. */
export class CarriedCheckpointCheck {
  private readonly frontier = new Frontier();
  private readonly roots = new Map<number, Buffer>();
  private readonly expected: { size: number; root: Buffer }[] = [];

  /** `pinned`: the log key the importer trusts; without it, the key the file names is used. */
  constructor(private readonly pinned: Verifier | null) {}

  event(event: RecordedEvent): void {
    this.frontier.append(leafHash(Buffer.from(event.metadata.hash, 'hex')));
    if (this.expected.some((e) => e.size === this.frontier.size)) this.roots.set(this.frontier.size, this.frontier.root());
  }

  /** Checkpoints come first in a file, so their roots are taken while the events stream by. */
  checkpoint(carried: CarriedCheckpoint): string | null {
    try {
      const verifier = this.pinned ?? parseVerifierKey(carried.verifierKey);
      const opened = openCheckpoint(carried.checkpoint, verifier);
      this.expected.push({ size: opened.size, root: opened.rootHash });
      return null;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }

  /** After every event and checkpoint: the first checkpoint the file's events do not match. */
  mismatch(): string | null {
    for (const { size, root } of [...this.expected].sort((a, b) => a.size - b.size)) {
      if (size > this.frontier.size) return `the file carries a checkpoint of size ${size} but only ${this.frontier.size} events: events were dropped`;
      const found = this.roots.get(size);
      if (!found?.equals(root)) return `the file's first ${size} events do not match its checkpoint of size ${size}: events were altered, dropped or reordered`;
    }
    return null;
  }
}
