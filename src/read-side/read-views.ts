import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type Position } from '../event-store/event-store';
import { Clock } from '../shared/clock';
import { invalid } from '../shared/errors';
import type { DocumentView } from './document-view';
import { projectFrom, projectUpTo } from './as-of';
import { resolvePoint } from './log-points';
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

  /** `field` names the parameter that carried the point, for the problem when it names none. */
  async resolve(params: ReadParams, field = 'asOf'): Promise<ResolvedView> {
    // Checked first, so that a bad validAt costs no replay.
    const clockNow = this.clock.now();
    parseValidAt(params.validAt, clockNow);
    if (params.minPosition) await this.readYourWrites(params.minPosition);
    if (!params.asOf) return { view: this.readModels, now: clockNow, asOf: null, validAt: parseValidAt(params.validAt, clockNow) };
    const { position, instant } = await resolvePoint(this.store, params.asOf, field, clockNow);
    const now = instant !== null ? new Date(instant) : await this.recordedAt(position);
    // Without a validAt the question is about the as-of moment itself, as before business time existed.
    return { view: await this.viewAt(position), now, asOf: position, validAt: parseValidAt(params.validAt, now, 'validAt', clockNow) };
  }

  /**
   * Waits for the read models to reach a position the log holds. One the log
   * does not hold yet was never answered by a command: the client's mistake,
   * refused at once rather than after the wait.
   */
  private async readYourWrites(minPosition: Position): Promise<void> {
    if (this.runner.hasReached(minPosition)) return;
    const head = await this.store.headPosition();
    if (head === null || BigInt(head) < BigInt(minPosition)) {
      throw invalid('minPosition', `is beyond the head of the log (${head ?? 'empty'}); pass the position a command answered`);
    }
    await this.runner.waitFor(minPosition);
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
