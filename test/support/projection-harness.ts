import type { RecordedEvent } from '../../src/event-store/event-store';
import type { Projection } from '../../projections/projection';

export interface FactOf {
  type: string;
  data: Record<string, unknown>;
  /** When the log recorded it; defaults to one minute apart from 2026-11-28T12:00Z. */
  recordedAt?: string;
  actor?: string;
}

/** Recorded events as the store would hand them to a projection, positions 1, 2, 3… */
export function recorded(facts: FactOf[]): RecordedEvent[] {
  return facts.map((fact, index) => ({
    id: `event-${index + 1}`,
    stream: 'test-stream',
    revision: index,
    position: String(index + 1),
    type: fact.type,
    schemaVersion: 1,
    data: fact.data,
    metadata: {
      recordedAt: fact.recordedAt ?? new Date(Date.parse('2026-11-28T12:00:00Z') + index * 60_000).toISOString(),
      actor: fact.actor ?? 'compliance-1',
      correlationId: `correlation-${index + 1}`,
      causationId: null,
      prevHash: '0'.repeat(64),
      hash: String(index + 1).padStart(64, '0'),
    },
  }));
}

/**
 * Given facts, the documents a projection holds afterwards, by key, as the
 * runner would build them (only the event types it handles, in order).
 */
export function project<Doc>(projection: Projection<Doc>, facts: FactOf[]): Map<string, Doc> {
  const docs = new Map<string, Doc>();
  for (const event of recorded(facts)) {
    if (!projection.handles.includes(event.type)) continue;
    for (const key of projection.keys(event)) {
      const next = projection.evolve(docs.get(key) ?? null, event);
      if (next === null) docs.delete(key);
      else docs.set(key, next);
    }
  }
  return docs;
}
