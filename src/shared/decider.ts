/**
 * The shape of every domain area's business rules: pure functions over plain
 * data, no framework and no I/O, so they are tested given/when/then.
 */
export interface DomainEvent {
  readonly type: string;
  readonly data: object;
}

export interface Decider<Command, Event extends DomainEvent, State> {
  readonly initialState: State;
  evolve(state: State, event: Event): State;
  /** Returns the events the command causes, or throws a DomainError when a rule forbids it. */
  decide(command: Command, state: State, now: Date): Event[];
}

/** Folds a history into a state, as handlers and tests do. */
export const fold = <C, E extends DomainEvent, S>(decider: Decider<C, E, S>, events: readonly E[]): S =>
  events.reduce(decider.evolve, decider.initialState);
