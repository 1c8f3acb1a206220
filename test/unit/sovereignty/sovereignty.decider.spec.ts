import { sovereigntyDecider, type SovereigntyCommand } from '../../../src/sovereignty/sovereignty.decider';
import { given } from '../../support/given-when-then';
import { entity, holding, provider } from './structure';

const hold = (holder: string, of: string, capitalPercent: number, on = '2023-01-01'): SovereigntyCommand => ({ kind: 'RecordHolding', holder, of, capitalPercent, votingPercent: capitalPercent, on });
const structure = [provider(), entity('a', 'FR'), entity('b', 'US'), entity('c', 'DE', { establishedOn: '2023-06-01' })];

describe('sovereignty decider', () => {
  it('registers an entity with its seat, central administration and main establishment defaulting to the registered office', () => {
    given(sovereigntyDecider).when({ kind: 'RegisterEntity', entityId: 'jv', name: 'Joint company', country: 'FR', isProvider: true, establishedOn: '2022-06-30' }).then([
      { type: 'EntityRegistered', data: { entityId: 'jv', name: 'Joint company', country: 'FR', centralAdministration: 'FR', mainEstablishment: 'FR', isProvider: true, establishedOn: '2022-06-30' } },
    ]);
  });

  it('refuses an unknown country, naming the field', () => {
    given(sovereigntyDecider).when({ kind: 'RegisterEntity', entityId: 'x', name: 'X', country: 'XZ' }).thenFails('validation', /XZ is not an ISO 3166-1/, 'country');
    given(sovereigntyDecider).when({ kind: 'RegisterEntity', entityId: 'x', name: 'X', country: 'FR', mainEstablishment: 'QQ' }).thenFails('validation', /QQ/, 'mainEstablishment');
  });

  it('registers exactly one provider, and each entity once', () => {
    given(sovereigntyDecider, structure).when({ kind: 'RegisterEntity', entityId: 'other', name: 'Other', country: 'FR', isProvider: true }).thenFails('rule_broken', /provider is already registered/, 'isProvider');
    given(sovereigntyDecider, structure).when({ kind: 'RegisterEntity', entityId: 'a', name: 'A', country: 'FR' }).thenFails('rule_broken', /already registered/, 'entityId');
  });

  it('records a holding between registered entities', () => {
    given(sovereigntyDecider, structure).when(hold('b', 'provider', 20)).then([holding('b', 'provider', 20, 20, '2023-01-01')]);
  });

  it('refuses unknown entities, a holding of itself, and a date before an entity existed', () => {
    given(sovereigntyDecider, structure).when(hold('nobody', 'provider', 20)).thenFails('validation', /unknown entity nobody/, 'holder');
    given(sovereigntyDecider, structure).when(hold('a', 'nowhere', 20)).thenFails('validation', /unknown entity nowhere/, 'of');
    given(sovereigntyDecider, structure).when(hold('a', 'a', 20)).thenFails('validation', /cannot hold itself/, 'of');
    given(sovereigntyDecider, structure).when(hold('c', 'provider', 20, '2023-05-31')).thenFails('validation', /establishment of c/, 'on');
    given(sovereigntyDecider, structure).when(hold('a', 'provider', 20, '2021-12-31')).thenFails('validation', /establishment of provider/, 'on');
  });

  it('refuses holders of an entity above 100 %, also on a later date another holding takes effect', () => {
    given(sovereigntyDecider, [...structure, holding('a', 'provider', 70, 70, '2023-01-01')]).when(hold('b', 'provider', 31)).thenFails('rule_broken', /101 % of its capital/, 'capitalPercent');
    const later = [...structure, holding('a', 'provider', 70, 70, '2024-01-01')];
    given(sovereigntyDecider, later).when(hold('b', 'provider', 40, '2023-01-01')).thenFails('rule_broken', /110 % .* on 2024-01-01/, 'capitalPercent');
    // Ending a holding (0 %) frees its share from its date on.
    given(sovereigntyDecider, [...later, holding('a', 'provider', 0, 0, '2024-01-01')]).when(hold('b', 'provider', 40, '2023-01-01')).then([holding('b', 'provider', 40, 40, '2023-01-01')]);
  });

  it('refuses an ownership cycle and names it by its entities', () => {
    const chain = [...structure, holding('a', 'b', 10, 10, '2023-01-01'), holding('b', 'c', 10, 10, '2023-07-01')];
    given(sovereigntyDecider, chain).when(hold('c', 'a', 5, '2023-07-01')).thenFails('rule_broken', /ownership cycle on 2023-07-01: c → a → b → c/, 'of');
    // Before the second link existed there was no cycle; from its date there is.
    given(sovereigntyDecider, chain).when(hold('b', 'a', 5, '2023-06-01')).thenFails('rule_broken', /cycle on 2023-06-01: b → a → b/, 'of');
  });

  it('refuses a holding dated in the future; planned operations are for the simulation', () => {
    given(sovereigntyDecider, structure).when(hold('b', 'provider', 10, '2027-01-01')).thenFails('validation', /future/, 'on');
  });

  it('opens a 19.6.f obligation when a holding crosses a threshold, and takes its notice once', () => {
    const crossed = [...structure, holding('b', 'provider', 30, 30, '2024-01-31')];
    given(sovereigntyDecider, crossed).when({ kind: 'SendNotice', obligation: 'notice-1', sentAt: '2024-02-20T09:00:00Z', reference: 'Letter 2024-07' }).then([
      { type: 'CustomerNoticeSent', data: { obligation: 'notice-1', sentAt: '2024-02-20T09:00:00.000Z', reference: 'Letter 2024-07' } },
    ]);
    const sent = [...crossed, { type: 'CustomerNoticeSent', data: { obligation: 'notice-1', sentAt: '2024-02-20T09:00:00.000Z', reference: 'x' } } as const];
    given(sovereigntyDecider, sent).when({ kind: 'WaiveNotice', obligation: 'notice-1', reason: 'r' }).thenFails('rule_broken', /already met/, 'obligation');
    given(sovereigntyDecider, crossed).when({ kind: 'SendNotice', obligation: 'notice-1', sentAt: '2024-01-30T09:00:00Z', reference: 'x' }).thenFails('validation', /before the change/, 'sentAt');
    given(sovereigntyDecider, structure).when({ kind: 'WaiveNotice', obligation: 'notice-1', reason: 'r' }).thenFails('validation', /no 19.6.f obligation/, 'obligation');
  });
});
