import { fold, type Decider, type DomainEvent } from '../../src/shared/decider';
import { DomainError, type DomainErrorKind } from '../../src/shared/errors';

export const NOW = new Date('2026-11-28T12:00:00Z');

/**
 * given(history).when(command).then(events) for a decider:
 *   given(decider, [filed]).when({ kind: 'Grant', ... }).thenFails('rule_broken', /J3/);
 */
export function given<C, E extends DomainEvent, S>(decider: Decider<C, E, S>, history: E[] = []) {
  return {
    when(command: C, now: Date = NOW) {
      const run = () => decider.decide(command, fold(decider, history), now);
      return {
        then(expected: E[]): void {
          expect(run()).toEqual(expected);
        },
        thenFails(kind: DomainErrorKind, message?: RegExp, field?: string): void {
          let thrown: unknown;
          try {
            run();
          } catch (error) {
            thrown = error;
          }
          expect(thrown).toBeInstanceOf(DomainError);
          const error = thrown as DomainError;
          expect(error.kind).toBe(kind);
          if (message) expect(error.message).toMatch(message);
          if (field) expect([...(error.details.errors ?? []).map((e) => e.field), error.details.field]).toContain(field);
        },
      };
    },
  };
}
