import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type Position } from '../event-store/event-store';
import { Clock } from '../shared/clock';
import type { DocumentView } from './document-view';
import { parseAsOf, projectFrom, projectUpTo } from './as-of';
import { ProjectionRunner } from './projection-runner';
import { ReadModelStore } from './read-model-store';
import type { ReadParams } from './read-params';
import { SnapshotStore } from './snapshots';
import { parseValidAt, type ValidAt } from '../shared/valid-at';

export interface ResolvedView {
  view: DocumentView;
  /** The instant the answer is about: now, or the as-of point (for overdue and validity). */
  now: Date;
  asOf: Position | null;
  /** The business date asked about: `validAt`, or `now` when not given. */
  validAt: ValidAt;
}

const CACHED_POINTS = 8;

/** Picks what a query reads: the live read models, or the same reducers run up to a past point. */
@Injectable()
export class ReadViews {
  private readonly cache = new Map<string, DocumentView>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readModels: ReadModelStore,
    private readonly runner: ProjectionRunner,
    private readonly clock: Clock,
    private readonly snapshots: SnapshotStore,
  ) {}

  async resolve(params: ReadParams): Promise<ResolvedView> {
    // Checked first, so that a bad validAt costs no replay.
    const clockNow = this.clock.now();
    parseValidAt(params.validAt, clockNow);
    if (params.minPosition) await this.runner.waitFor(params.minPosition);
    if (!params.asOf) return { view: this.readModels, now: clockNow, asOf: null, validAt: parseValidAt(params.validAt, clockNow) };
    const asOf = parseAsOf(params.asOf);
    const position = 'position' in asOf ? asOf.position : await this.store.positionAt(asOf.instant);
    const now = 'instant' in asOf ? new Date(asOf.instant) : await this.recordedAt(position);
    // Without a validAt the question is about the as-of moment itself, as before business time existed.
    return { view: await this.viewAt(position), now, asOf: position, validAt: parseValidAt(params.validAt, now, 'validAt', clockNow) };
  }

  /**
   * The read models exactly as of `position`: the live ones when they stand
   * there, else the reducers run up to it. Callers read it synchronously, so
   * the live documents cannot move on under them.
   */
  async exactlyAt(position: Position): Promise<DocumentView> {
    await this.runner.waitFor(position);
    if (this.readModels.position === position) return this.readModels;
    return this.viewAt(position);
  }

  private async viewAt(position: Position | null): Promise<DocumentView> {
    const key = position ?? 'empty';
    const cached = this.cache.get(key);
    if (cached) return cached;
    // From the nearest snapshot when there is one: the cost of the events after it, not of the whole log.
    const snapshot = position === null ? null : this.snapshots.nearest(Number(position));
    const view = snapshot === null ? await projectUpTo(this.store, position) : await projectFrom(this.store, this.snapshots.at(snapshot), position as Position);
    this.cache.set(key, view);
    if (this.cache.size > CACHED_POINTS) this.cache.delete(this.cache.keys().next().value as string);
    return view;
  }

  async recordedAt(position: Position | null): Promise<Date> {
    if (position === null) return new Date(0);
    for await (const event of this.store.readAll({ fromPosition: position, toPosition: position })) return new Date(event.metadata.recordedAt);
    return this.clock.now();
  }
}
