import { UnreadableEventError, type EventStore, type Position } from './event-store';
import { ChainVerifier, type ChainBreak } from './hash-chain';

export interface IntegrityReport {
  ok: boolean;
  events: number;
  streams: number;
  /** Position of the last event checked: the log head when the log is sound. */
  checkedUpTo: Position | null;
  /** The first event, in global order, whose chain does not hold. */
  firstBroken: ChainBreak | null;
}

/** A store that keeps columns derived from the hashed content, and can check they still are. */
export interface DerivedColumns {
  checkDerivedColumns(): Promise<ChainBreak | null>;
}

const hasDerivedColumns = (store: EventStore): store is EventStore & DerivedColumns =>
  typeof (store as Partial<DerivedColumns>).checkDerivedColumns === 'function';

/** Recomputes every stream's hash chain by streaming the whole log once, then checks derived columns. */
export async function verifyLog(store: EventStore): Promise<IntegrityReport> {
  const verifier = new ChainVerifier();
  let checkedUpTo: Position | null = null;
  try {
    for await (const event of store.readAll({ batchSize: 2000 })) {
      checkedUpTo = event.position;
      const broken = verifier.check(event);
      if (broken) return report(verifier, checkedUpTo, broken);
    }
  } catch (error) {
    if (!(error instanceof UnreadableEventError)) throw error;
    return report(verifier, error.at.position, { ...error.at, reason: 'stored event cannot be decoded' });
  }
  const derived = hasDerivedColumns(store) ? await store.checkDerivedColumns() : null;
  return report(verifier, checkedUpTo, derived);
}

function report(verifier: ChainVerifier, checkedUpTo: Position | null, firstBroken: ChainBreak | null): IntegrityReport {
  return { ok: firstBroken === null, events: verifier.events, streams: verifier.streams, checkedUpTo, firstBroken };
}

export function describeBreak(broken: ChainBreak): string {
  return `${broken.stream} revision ${broken.revision} (position ${broken.position}): ${broken.reason}`;
}
