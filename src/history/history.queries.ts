import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsLogPoint, parsePoint } from '../shared/points-in-time';
import { comparePositions, EVENT_STORE, type EventStore, type Position, type RecordedEvent } from '../event-store/event-store';
import { ChainVerifier } from '../event-store/hash-chain';
import { ListParams, DEFAULT_LIMIT, type Page } from '../read-side/read-params';
import { resolvePoint } from '../read-side/log-points';
import { invalid, notFound } from '../shared/errors';
import type { EventVisibility } from '../engagements/engagement-log';

const MAX_CAUSE_DEPTH = 20;

export class EventsParams extends ListParams {
  @IsOptional() @IsString() @MaxLength(300) stream?: string;
  @IsOptional() @IsString() @MaxLength(100) category?: string;
  @IsOptional() @IsString() @MaxLength(100) type?: string;
  @IsOptional() @IsString() @MaxLength(100) actor?: string;
  @IsOptional() @IsString() @MaxLength(128) correlationId?: string;
  /** Only the events this event caused directly (their X-Causation-Id named it). */
  @IsOptional() @IsString() @MaxLength(128) causationId?: string;
  /** A position or an instant (recordedAt), inclusive. */
  @IsOptional() @IsLogPoint() from?: string;
  @IsOptional() @IsLogPoint() to?: string;
}

/**
 * `visibility` (null: everything) narrows an answer to what the caller may
 * see (an engagement's facts); it is applied while reading, before any answer
 * exists, and its `key` must be part of any cache key of these queries.
 */
export class BrowseEvents {
  constructor(readonly params: EventsParams, readonly visibility: EventVisibility | null = null) {}
}
export class GetStream {
  constructor(readonly stream: string, readonly params: ListParams, readonly visibility: EventVisibility | null = null) {}
}
export class Investigate {
  constructor(readonly correlationId: string, readonly params: ListParams, readonly visibility: EventVisibility | null = null) {}
}

const NOTHING_HIDDEN = async () => true;

/** The upper bound of a read: `to` and `asOf`, whichever is earlier; each given as [field, value]. */
async function upperBound(store: EventStore, ...points: [string, string | undefined][]): Promise<Position | undefined> {
  let bound: Position | undefined;
  for (const [field, value] of points) {
    if (value === undefined) continue;
    const position = (await resolvePoint(store, value, field, new Date())).position ?? '0';
    if (bound === undefined || comparePositions(position, bound) < 0) bound = position;
  }
  return bound;
}

@QueryHandler(BrowseEvents)
export class BrowseEventsHandler implements IQueryHandler<BrowseEvents> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ params, visibility }: BrowseEvents): Promise<Page<RecordedEvent>> {
    const visible = visibility?.visible ?? NOTHING_HIDDEN;
    if (params.after !== undefined && !/^\d+$/.test(params.after)) throw invalid('after', 'must be the position cursor of a previous page');
    const from = params.from === undefined ? null : parsePoint(params.from);
    const fromInstant = from !== null && 'instant' in from ? from.instant : null;
    const fromPosition = params.after !== undefined ? String(BigInt(params.after) + 1n) : from !== null && 'position' in from ? from.position : undefined;
    const toPosition = await upperBound(this.store, ['to', params.to], ['asOf', params.asOf]);
    const limit = params.limit ?? DEFAULT_LIMIT;
    const items: RecordedEvent[] = [];
    // Filters the store cannot apply mean reading past non-matching events; otherwise one page is one small read.
    const filteredHere = Boolean(params.actor || params.causationId || fromInstant || visibility);
    const read = this.store.readAll({
      fromPosition, toPosition, types: params.type ? [params.type] : undefined, categories: params.category ? [params.category] : undefined, correlationId: params.correlationId, stream: params.stream,
      batchSize: filteredHere ? 1000 : limit + 1,
    });
    for await (const event of read) {
      if (params.actor && event.metadata.actor !== params.actor) continue;
      if (params.causationId && event.metadata.causationId !== params.causationId) continue;
      if (fromInstant && event.metadata.recordedAt < fromInstant) continue;
      if (!(await visible(event))) continue;
      if (items.length === limit) return { items, next: items[items.length - 1].position };
      items.push(event);
    }
    return { items, next: null };
  }
}

@QueryHandler(GetStream)
export class GetStreamHandler implements IQueryHandler<GetStream> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** The stream's events and whether its hash chain holds, checked from its first event. */
  async execute({ stream, params, visibility }: GetStream) {
    if (visibility && !(await visibility.streamVisible(stream))) throw notFound(`stream ${stream} not found`);
    const visible = visibility?.visible ?? NOTHING_HIDDEN;
    const bound = await upperBound(this.store, ['asOf', params.asOf]);
    const verifier = new ChainVerifier();
    const events: RecordedEvent[] = [];
    let head: RecordedEvent | null = null;
    let firstBroken = null;
    for await (const event of this.store.readStream(stream)) {
      if (bound !== undefined && comparePositions(event.position, bound) > 0) break;
      firstBroken ??= verifier.check(event);
      head = event;
      // The chain is checked over every event; only the visible ones are listed.
      if (await visible(event)) events.push(event);
    }
    if (head === null || events.length === 0) throw notFound(`stream ${stream} not found`);
    const after = params.after === undefined ? -1 : Number(params.after);
    const page = events.filter((event) => event.revision > after).slice(0, params.limit ?? DEFAULT_LIMIT);
    const last = page[page.length - 1];
    const lastVisible = events[events.length - 1];
    return {
      stream,
      revision: head.revision,
      chain: { ok: firstBroken === null, headHash: head.metadata.hash, firstBroken },
      items: page,
      next: last && last.revision < lastVisible.revision ? String(last.revision) : null,
    };
  }
}

@QueryHandler(Investigate)
export class InvestigateHandler implements IQueryHandler<Investigate> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** The events of one correlation in order, each with the chain of events that caused it. */
  async execute({ correlationId, params, visibility }: Investigate) {
    const visible = visibility?.visible ?? NOTHING_HIDDEN;
    const bound = await upperBound(this.store, ['asOf', params.asOf]);
    const events: RecordedEvent[] = [];
    for await (const event of this.store.readAll({ toPosition: bound, correlationId })) if (await visible(event)) events.push(event);
    if (events.length === 0) throw notFound(`no events with correlation id ${correlationId}`);
    const byId = new Map(events.map((event) => [event.id, event]));
    // Causes may lie outside the correlation: fetch them a generation at a time, keeping only the chain in memory.
    let wanted = new Set(events.map((e) => e.metadata.causationId).filter((id): id is string => !!id && !byId.has(id)));
    for (let depth = 0; wanted.size > 0 && depth < MAX_CAUSE_DEPTH; depth++) {
      const found: RecordedEvent[] = [];
      for await (const event of this.store.readAll({ toPosition: bound, ids: [...wanted] })) if (await visible(event)) found.push(event);
      for (const event of found) byId.set(event.id, event);
      wanted = new Set(found.map((e) => e.metadata.causationId).filter((id): id is string => !!id && !byId.has(id)));
    }
    const causes = (event: RecordedEvent) => {
      const chain: { id: string; stream: string; type: string; position: string }[] = [];
      for (let id = event.metadata.causationId; id && byId.has(id) && chain.length < MAX_CAUSE_DEPTH; id = byId.get(id)!.metadata.causationId) {
        const cause = byId.get(id)!;
        chain.push({ id: cause.id, stream: cause.stream, type: cause.type, position: cause.position });
      }
      return chain;
    };
    return { correlationId, items: events.map((event) => ({ ...event, causes: causes(event) })), next: null };
  }
}

export const HISTORY_QUERY_HANDLERS = [BrowseEventsHandler, GetStreamHandler, InvestigateHandler];
