import type { ProjectedEvent, Projection } from '../../projections/projection';
import type { ReadModelStore } from './read-model-store';
import { WriteTurns } from './write-turns';

/** A read model being rebuilt into a fresh generation. */
export interface ReplayLane {
  projection: Projection;
  generation: number;
}

export type EventBatches = Iterable<readonly ProjectedEvent[]> | AsyncIterable<readonly ProjectedEvent[]>;

/**
 * A rebuild runs the reducers in memory and holds at most this many documents
 * not yet saved (shared between its threads); past it, the lanes holding the
 * most are saved until half are left. Memory is bounded by documents, not
 * events: a lane whose documents are touched all the time (requirement-status)
 * is saved once at the end instead of at every flush, while one that adds a
 * document per event (requirement-history) is saved in large sorted batches.
 * A save rewrites every page its keys fall in, and requirement-history's keys
 * fall all over its range, so fewer, larger saves write less. At 1,000,000
 * events, 50,000 held documents made twice as many saves as 100,000, which
 * took half of that thread's time while each save ended in a checkpoint and
 * its fsyncs; saves no longer checkpoint (decision 40), and 100,000 took the
 * rebuild's peak RSS past 600 MB.
 */
export const HELD_DOCS = 60_000;

/** Progress is reported every this many events read. */
const PROGRESS_EVENTS = 50_000;

/**
 * Runs the lanes' reducers over `batches` (the log from its start up to
 * `upTo`, in order; events no lane handles may be left out) and saves their
 * documents, each lane at the position it has reached, the last time at
 * `upTo`. Answers the events read.
 */
export async function rebuildLanes(
  batches: EventBatches,
  readModels: ReadModelStore,
  lanes: readonly ReplayLane[],
  upTo: number,
  progress: (position: number) => void = () => undefined,
  heldDocs = HELD_DOCS,
  turns = new WriteTurns(),
): Promise<number> {
  const changed = lanes.map(() => new Map<string, unknown | null>());
  // Keys already saved: any other key has no document yet, so it is not looked up.
  const saved = lanes.map(() => new Set<string>());
  const byType = new Map<string, number[]>();
  lanes.forEach(({ projection }, i) => projection.handles.forEach((type) => byType.set(type, [...(byType.get(type) ?? []), i])));
  let read = 0;
  let held = 0;
  const save = (which: number[], position: number) => {
    try {
      readModels.save(which.map((i) => ({ generation: lanes[i].generation, docs: inKeyOrder(changed[i]), position, orderBy: lanes[i].projection.orderBy })));
    } finally {
      turns.give();
    }
    for (const i of which) {
      for (const key of changed[i].keys()) saved[i].add(key);
      held -= changed[i].size;
      changed[i].clear();
    }
  };
  // While another thread writes, this one carries on and saves later, unless it holds half as much again as its share.
  const takeTurn = () => turns.tryTake() || (held >= 1.5 * heldDocs && (turns.take(), true));
  const saveLargest = (position: number) => {
    const largest = lanes.map((_, i) => i).sort((a, b) => changed[b].size - changed[a].size);
    const which: number[] = [];
    let kept = held;
    for (const i of largest) {
      if (kept <= heldDocs / 2) break;
      which.push(i);
      kept -= changed[i].size;
    }
    save(which, position);
  };
  for await (const batch of batches) {
    for (const event of batch) {
      const handling = byType.get(event.type);
      if (handling !== undefined) {
        for (const i of handling) {
          const { projection, generation } = lanes[i];
          const docs = changed[i];
          for (const key of projection.keys(event)) {
            let current: unknown = null;
            if (docs.has(key)) current = docs.get(key);
            else {
              held += 1;
              if (saved[i].has(key)) current = readModels.documentOf(generation, key);
            }
            docs.set(key, projection.evolve(current as never, event));
          }
        }
        if (held >= heldDocs && takeTurn()) saveLargest(Number(event.position));
      }
      if (++read % PROGRESS_EVENTS === 0) progress(Number(event.position));
    }
  }
  turns.take();
  save(lanes.map((_, i) => i), upTo);
  progress(upTo);
  return read;
}

/** Documents in key order: the documents' B-tree is then written mostly in sequence. */
function* inKeyOrder(docs: ReadonlyMap<string, unknown | null>): Iterable<[string, unknown | null]> {
  for (const key of [...docs.keys()].sort()) yield [key, docs.get(key)];
}

/** The types any of the lanes handles. */
export const typesOf = (lanes: readonly ReplayLane[]): string[] => [...new Set(lanes.flatMap((l) => l.projection.handles))];
