import { Inject, Injectable, Optional } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type Position } from '../event-store/event-store';
import type { RecordedClaim } from '../event-store/idempotency';
import { Clock } from '../shared/clock';
import type { Decider, DomainEvent } from '../shared/decider';
import { DomainError, isDomainError, notFound, preconditionFailed } from '../shared/errors';
import { IdGenerator } from '../shared/ids';
import { ifMatchHolds, type CommandContext } from './command-context';
import { Metrics } from '../observability/metrics';
import { AnswerBook } from './idempotency/answer-book';

/** What every command answers: where its events landed (plus any fields its area adds). */
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

/** One command for the runner. */
export interface CommandRun<C, E extends DomainEvent, S> {
  decider: Decider<C, E, S>;
  stream: string;
  command: C;
  context: CommandContext;
  /** The id the answer names: the new entity's, or the subject of the stream. */
  id?: string;
  /**
   * The stream is named by an id this server has just made, so it cannot
   * exist and is not read; the `no_stream` expectation of the append still
   * guards that, and a conflict retries with a real read.
   */
  startsStream?: boolean;
  /** The stream must exist: otherwise 404 "<existing> not found". */
  existing?: string;
  /** Checks that need the stream's state (and other areas' facts), after each read of the stream. */
  check?: (state: S) => Promise<void>;
  /** Fields the answer carries besides where the events landed, from the state the command leaves. */
  answer?: (state: S) => Record<string, unknown>;
}

const RETRIES_WITHOUT_IF_MATCH = 8;
/**
 * Before retrying after a conflict, wait a random time that doubles with each
 * attempt (at most 64 ms): writers racing on one stream spread out instead of
 * colliding again on the very next read.
 */
const backOff = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * 2 ** Math.min(attempt, 6)));
/** Streams whose folded state is kept: a command on one of them reads only the events it gained since. */
export const STATE_CACHE_SIZE = 10_000;

/** Where a command's events landed. */
type Landed = Pick<CommandResult, 'stream' | 'revision' | 'position' | 'eventIds'>;

/** The answer of an append: the area's fields, then where the events landed. */
const answerOf = (fields: Record<string, unknown>, at: Landed | RecordedClaim): CommandResult => ({
  ...fields,
  stream: at.stream,
  revision: at.revision,
  position: at.position,
  eventIds: at.eventIds,
});

/**
 * The whole command path of every area: a retry of an Idempotency-Key gets
 * its first answer; otherwise read the stream, fold it with `evolve`,
 * `decide`, append at the revision read (with the key, atomically). A
 * conflict is retried with fresh state unless the client pinned a revision
 * with If-Match.
 */
@Injectable()
export class CommandRunner {
  private readonly states = new Map<string, { decider: unknown; loaded: Loaded<unknown> }>();
  private readonly answers: AnswerBook;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    @Optional() private readonly metrics?: Metrics,
    @Optional() answers?: AnswerBook,
  ) {
    this.answers = answers ?? new AnswerBook(store, clock);
  }

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

  async run<C, E extends DomainEvent, S>(run: CommandRun<C, E, S>): Promise<CommandResult> {
    const name = String((run.command as { kind?: unknown }).kind ?? 'command');
    try {
      const result = (await this.firstAnswer(run.context)) ?? (await this.attempt(run));
      this.metrics?.commands.inc({ command: name, outcome: 'ok' });
      return result;
    } catch (error) {
      this.metrics?.commands.inc({ command: name, outcome: isDomainError(error) ? error.kind : 'error' });
      throw error;
    }
  }

  /** The recorded answer of the command's Idempotency-Key, or null when the key is new. */
  private async firstAnswer(context: CommandContext): Promise<CommandResult | null> {
    const idempotency = context.idempotency;
    if (!idempotency) return null;
    const claim = await this.answers.find(context.actor, idempotency.key);
    if (!claim) return null;
    if (claim.fingerprint !== idempotency.fingerprint) {
      const message = `was already used for a different request; a key names one request`;
      throw new DomainError('rule_broken', `Idempotency-Key ${idempotency.key} ${message}`, { errors: [{ field: 'Idempotency-Key', messages: [message] }] });
    }
    idempotency.replayed = true;
    return answerOf(claim.answer, claim);
  }

  private async attempt<C, E extends DomainEvent, S>(run: CommandRun<C, E, S>): Promise<CommandResult> {
    const { decider, stream, command, context } = run;
    for (let attempt = 0; ; attempt++) {
      const fresh = run.startsStream && attempt === 0;
      const { state, revision, position } = fresh ? { state: decider.initialState, revision: -1, position: null } : await this.load(decider, stream);
      if (run.existing !== undefined && revision < 0) throw notFound(`${run.existing} not found`);
      await run.check?.(state);
      if (context.ifMatch !== null && !ifMatchHolds(context.ifMatch, revision)) throw precondition(stream, revision, context.ifMatch);
      const events = decider.decide(command, state, this.clock.now());
      const fields = { ...run.answer?.(events.reduce((folded, event) => decider.evolve(folded, event), state)), id: run.id };
      if (events.length === 0) return answerOf(fields, { stream, revision, position, eventIds: [] });
      const newEvents = events.map((event) => ({
        id: this.ids.next(),
        type: event.type,
        data: event.data as Record<string, unknown>,
        actor: context.actor,
        correlationId: context.correlationId,
        causationId: context.causationId,
      }));
      const claim = context.idempotency ? this.answers.claimFor(context.actor, context.idempotency, fields) : undefined;
      try {
        const endTimer = this.metrics?.appendSeconds.startTimer();
        const appended = await this.store.append(stream, newEvents, revision < 0 ? 'no_stream' : revision, { claim });
        endTimer?.();
        return answerOf(fields, { stream, revision: appended.revision, position: appended.position, eventIds: newEvents.map((e) => e.id) });
      } catch (error) {
        if (!isDomainError(error, 'conflict')) throw error;
        this.metrics?.conflicts.inc();
        // A request with the same key got there first (another instance of the key's retry): its answer is ours.
        const first = claim ? await this.firstAnswer(context) : null;
        if (first) return first;
        // The stream moved on between read and append: a pinned revision no longer holds; `*` still does.
        if (Array.isArray(context.ifMatch)) {
          const actual = error.details.actual;
          throw precondition(stream, typeof actual === 'number' ? actual : revision + 1, context.ifMatch);
        }
        if (attempt >= RETRIES_WITHOUT_IF_MATCH) throw error;
        await backOff(attempt + 1);
      }
    }
  }
}

function precondition(stream: string, revision: number, ifMatch: NonNullable<CommandContext['ifMatch']>) {
  const current = revision < 0 ? 'does not exist' : `is at revision ${revision}`;
  const expected = ifMatch === '*' ? 'that it exists' : ifMatch.map((r) => `"${r}"`).join(', ') || 'a weak tag, which never matches';
  return preconditionFailed(`${stream} ${current}; If-Match expected ${expected}`, { stream, currentRevision: revision < 0 ? null : revision });
}
