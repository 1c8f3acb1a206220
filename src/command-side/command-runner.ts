import { Inject, Injectable, Optional } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type Position } from '../event-store/event-store';
import { Clock } from '../shared/clock';
import type { Decider, DomainEvent } from '../shared/decider';
import { isDomainError, notFound, preconditionFailed } from '../shared/errors';
import { IdGenerator } from '../shared/ids';
import { ifMatchHolds, type CommandContext } from './command-context';
import { Metrics } from '../observability/metrics';

/** What every command answers: where its events landed. */
export interface CommandResult {
  id?: string;
  stream: string;
  revision: number;
  position: Position | null;
  eventIds: string[];
}

export interface Loaded<S> {
  state: S;
  /** -1 when the stream does not exist yet. */
  revision: number;
  position: Position | null;
}

const RETRIES_WITHOUT_IF_MATCH = 5;
/** Streams whose folded state is kept: a command on one of them reads only the events it gained since. */
export const STATE_CACHE_SIZE = 10_000;

/**
 * The whole command path of every area: read the stream, fold it with
 * `evolve`, `decide`, append at the revision read. A conflict is retried with
 * fresh state unless the client pinned a revision with If-Match.
 */
@Injectable()
export class CommandRunner {
  private readonly states = new Map<string, { decider: unknown; loaded: Loaded<unknown> }>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    @Optional() private readonly metrics?: Metrics,
  ) {}

  /**
   * Folds the stream into state. Recent states are kept (bounded, least
   * recently used first out) so that a command reads only the events its
   * stream gained since; the expected revision at append still guards
   * against anything this cache could miss.
   */
  async load<C, E extends DomainEvent, S>(decider: Decider<C, E, S>, stream: string): Promise<Loaded<S>> {
    const hit = this.states.get(stream);
    this.states.delete(stream);
    let { state, revision, position } = hit && hit.decider === decider ? (hit.loaded as Loaded<S>) : { state: decider.initialState, revision: -1, position: null };
    for await (const event of this.store.readStream(stream, { fromRevision: revision + 1 })) {
      state = decider.evolve(state, { type: event.type, data: event.data } as unknown as E);
      revision = event.revision;
      position = event.position;
    }
    const loaded = { state, revision, position };
    this.states.set(stream, { decider, loaded });
    if (this.states.size > STATE_CACHE_SIZE) this.states.delete(this.states.keys().next().value as string);
    return loaded;
  }

  /** Loads a stream that must exist, or answers 404 naming what is missing. */
  async loadExisting<C, E extends DomainEvent, S>(decider: Decider<C, E, S>, stream: string, what: string): Promise<Loaded<S>> {
    const loaded = await this.load(decider, stream);
    if (loaded.revision < 0) throw notFound(`${what} not found`);
    return loaded;
  }

  /**
   * `startsStream`: the stream is named by an id this server has just made,
   * so it cannot exist and is not read; the `no_stream` expectation of the
   * append still guards that, and a conflict retries with a real read.
   */
  async run<C, E extends DomainEvent, S>(
    decider: Decider<C, E, S>,
    stream: string,
    command: C,
    context: CommandContext,
    id?: string,
    startsStream = false,
  ): Promise<CommandResult> {
    const name = String((command as { kind?: unknown }).kind ?? 'command');
    try {
      const result = await this.attempt(decider, stream, command, context, id, startsStream);
      this.metrics?.commands.inc({ command: name, outcome: 'ok' });
      return result;
    } catch (error) {
      this.metrics?.commands.inc({ command: name, outcome: isDomainError(error) ? error.kind : 'error' });
      throw error;
    }
  }

  private async attempt<C, E extends DomainEvent, S>(
    decider: Decider<C, E, S>,
    stream: string,
    command: C,
    context: CommandContext,
    id: string | undefined,
    startsStream: boolean,
  ): Promise<CommandResult> {
    for (let attempt = 0; ; attempt++) {
      const fresh = startsStream && attempt === 0;
      const { state, revision, position } = fresh ? { state: decider.initialState, revision: -1, position: null } : await this.load(decider, stream);
      if (context.ifMatch !== null && !ifMatchHolds(context.ifMatch, revision)) throw precondition(stream, revision, context.ifMatch);
      const events = decider.decide(command, state, this.clock.now());
      if (events.length === 0) return { id, stream, revision, position, eventIds: [] };
      const newEvents = events.map((event) => ({
        id: this.ids.next(),
        type: event.type,
        data: event.data as Record<string, unknown>,
        actor: context.actor,
        correlationId: context.correlationId,
        causationId: context.causationId,
      }));
      try {
        const endTimer = this.metrics?.appendSeconds.startTimer();
        const appended = await this.store.append(stream, newEvents, revision < 0 ? 'no_stream' : revision);
        endTimer?.();
        return { id, stream, revision: appended.revision, position: appended.position, eventIds: newEvents.map((e) => e.id) };
      } catch (error) {
        if (!isDomainError(error, 'conflict')) throw error;
        this.metrics?.conflicts.inc();
        // The stream moved on between read and append: a pinned revision no longer holds; `*` still does.
        if (Array.isArray(context.ifMatch)) {
          const actual = error.details.actual;
          throw precondition(stream, typeof actual === 'number' ? actual : revision + 1, context.ifMatch);
        }
        if (attempt >= RETRIES_WITHOUT_IF_MATCH) throw error;
      }
    }
  }
}

function precondition(stream: string, revision: number, ifMatch: NonNullable<CommandContext['ifMatch']>) {
  const current = revision < 0 ? 'does not exist' : `is at revision ${revision}`;
  const expected = ifMatch === '*' ? 'that it exists' : ifMatch.map((r) => `"${r}"`).join(', ') || 'a weak tag, which never matches';
  return preconditionFailed(`${stream} ${current}; If-Match expected ${expected}`, { stream, currentRevision: revision < 0 ? null : revision });
}
