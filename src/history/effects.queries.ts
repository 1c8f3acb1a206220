import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { comparePositions, EVENT_STORE, type EventStore, type Position, type RecordedEvent } from '../event-store/event-store';
import { resolvePoint } from '../read-side/log-points';
import type { ReadParams } from '../read-side/read-params';
import { notFound } from '../shared/errors';

/** How far an investigation follows causes upwards, and how many effects it lists downwards. */
const MAX_CAUSE_DEPTH = 20;
export const MAX_EFFECTS = 1000;

export class GetEffects {
  constructor(readonly id: string, readonly params: ReadParams) {}
}

type Link = { id: string; stream: string; type: string; position: string };
const linkOf = (event: RecordedEvent): Link => ({ id: event.id, stream: event.stream, type: event.type, position: event.position });

/**
 * One event with causation followed both ways: the chain of its causes up to
 * the first command without one, and every event it caused, directly or
 * through others. Effects always come later in the log than their cause, so
 * one pass from the event onwards finds them all, however deep.
 */
@QueryHandler(GetEffects)
export class GetEffectsHandler implements IQueryHandler<GetEffects> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ id, params }: GetEffects) {
    const bound: Position | undefined = params.asOf === undefined ? undefined : ((await resolvePoint(this.store, params.asOf, 'asOf', new Date())).position ?? '0');
    const event = await this.one(id, bound);
    if (!event) throw notFound(`no event with id ${id}`);
    const causes: Link[] = [];
    for (let cause = event.metadata.causationId; cause && causes.length < MAX_CAUSE_DEPTH; ) {
      const found = await this.one(cause, bound);
      if (!found) break;
      causes.push(linkOf(found));
      cause = found.metadata.causationId;
    }
    const depthOf = new Map<string, number>([[event.id, 0]]);
    const effects: (RecordedEvent & { depth: number })[] = [];
    let truncated = false;
    for await (const later of this.store.readAll({ fromPosition: String(BigInt(event.position) + 1n), toPosition: bound, batchSize: 1000 })) {
      const parent = later.metadata.causationId;
      if (!parent || !depthOf.has(parent)) continue;
      if (effects.length === MAX_EFFECTS) {
        truncated = true;
        break;
      }
      const depth = depthOf.get(parent)! + 1;
      depthOf.set(later.id, depth);
      effects.push({ ...later, depth });
    }
    return { event, causes, effects, truncated };
  }

  private async one(id: string, bound: Position | undefined): Promise<RecordedEvent | null> {
    for await (const event of this.store.readAll({ ids: [id], toPosition: bound })) {
      if (bound === undefined || comparePositions(event.position, bound) <= 0) return event;
    }
    return null;
  }
}
