import type { Decider } from '../shared/decider';
import { DomainError, notFound, ruleBroken } from '../shared/errors';
import type { PeopleEvent } from './people.events';

/**
 * `by` is who registers: their subject, and whether they may change anyone's
 * details (admins). Details once registered are someone's personal data:
 * only that person or an admin changes them.
 */
export type PeopleCommand =
  | { kind: 'RegisterPerson'; subject: string; by: { subject: string; mayChangeAnyone: boolean } }
  | { kind: 'ErasePerson'; subject: string };

export interface PersonState {
  status: 'unknown' | 'registered' | 'erased';
}

export const peopleDecider: Decider<PeopleCommand, PeopleEvent, PersonState> = {
  initialState: { status: 'unknown' },

  evolve(state, event) {
    switch (event.type) {
      case 'PersonRegistered':
      case 'PersonDetailsUpdated':
        return { status: 'registered' };
      case 'PersonErased':
        return { status: 'erased' };
      default: {
        const unknown: never = event;
        return unknown;
      }
    }
  },

  decide(command, state) {
    switch (command.kind) {
      case 'RegisterPerson':
        if (state.status === 'erased') throw ruleBroken(`subject ${command.subject} was erased and cannot be registered again`);
        if (state.status === 'registered' && !command.by.mayChangeAnyone && command.by.subject !== command.subject) {
          throw new DomainError('forbidden', `the details of ${command.subject} are theirs: only they or an admin may change them`);
        }
        return [{ type: state.status === 'registered' ? 'PersonDetailsUpdated' : 'PersonRegistered', data: { subject: command.subject } }];
      case 'ErasePerson':
        if (state.status === 'unknown') throw notFound(`person ${command.subject} not found`);
        return state.status === 'erased' ? [] : [{ type: 'PersonErased', data: { subject: command.subject } }];
      default: {
        const unknown: never = command;
        return unknown;
      }
    }
  },
};
