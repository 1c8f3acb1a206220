import { peopleDecider } from '../../../src/people/people.decider';
import type { PeopleEvent } from '../../../src/people/people.events';
import { given } from '../../support/given-when-then';

const registered: PeopleEvent = { type: 'PersonRegistered', data: { subject: 'paul.passi' } };
const register = (by: string, mayChangeAnyone = false) => ({ kind: 'RegisterPerson' as const, subject: 'paul.passi', by: { subject: by, mayChangeAnyone } });

describe('people decider: whose details may change', () => {
  it('lets anyone who records register a new person', () => {
    given(peopleDecider).when(register('claire.compliance')).then([registered]);
  });

  it("refuses to let someone change another person's registered details", () => {
    given(peopleDecider, [registered]).when(register('claire.compliance')).thenFails('forbidden', /only they or an admin/);
  });

  it('lets the person change their own details, and an admin change anyone', () => {
    const updated: PeopleEvent = { type: 'PersonDetailsUpdated', data: { subject: 'paul.passi' } };
    given(peopleDecider, [registered]).when(register('paul.passi')).then([updated]);
    given(peopleDecider, [registered]).when(register('admin-1', true)).then([updated]);
  });
});
