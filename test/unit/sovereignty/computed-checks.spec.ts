import { computedChecks, withComputedCheck } from '../../../projections/sovereignty/computed-checks';
import type { SovereigntyEvent } from '../../../src/sovereignty/sovereignty.events';
import { entity, holding, ledgerOf, provider, right } from './structure';

const location = (locationId: string, kind: 'data' | 'support', country: string): SovereigntyEvent => ({
  type: 'LocationRecorded',
  data: { locationId, kind, name: `${kind} ${locationId}`, country, from: '2023-01-01', to: null },
});

describe('the statement of applicability’s checks computed from the evaluation', () => {
  const structure = [provider('joint-company'), entity('fr-group', 'FR'), entity('us-partner', 'US'), holding('fr-group', 'joint-company', 76), holding('us-partner', 'joint-company', 24)];

  it('given a structure within the thresholds, when evaluated, then 19.6.a and 19.6.b are met and nothing else is computed', () => {
    const checks = computedChecks(ledgerOf(structure), '2023-06-30');
    expect([...checks.keys()]).toEqual(['19.6.a', '19.6.b']);
    expect(checks.get('19.6.b')).toEqual({ source: 'sovereignty_evaluation', evaluation: '19.6.b', result: 'passed', validAt: '2023-06-30', breachedBy: [] });
  });

  it('given a non-EU control right over the provider, then 19.6.b is not met and names its holder', () => {
    const checks = computedChecks(ledgerOf([...structure, right('veto-1', 'us-partner', 'joint-company')]), '2023-06-30');
    expect(checks.get('19.6.b')).toMatchObject({ result: 'failed', breachedBy: ['us-partner'] });
  });

  it('given a provider whose central administration is abroad, then 19.6.a names the seat', () => {
    const checks = computedChecks(ledgerOf([entity('joint-company', 'FR', { isProvider: true, centralAdministration: 'US' })]), '2023-06-30');
    expect(checks.get('19.6.a')).toMatchObject({ result: 'failed', breachedBy: ['centralAdministration: US'] });
  });

  it('given support abroad and data in the Union, then 19.2.b is met though the evaluation’s 19.2 is breached', () => {
    const checks = computedChecks(ledgerOf([...structure, location('paris', 'data', 'FR'), location('montreal', 'support', 'CA')]), '2023-06-30');
    expect(checks.get('19.2.b')).toMatchObject({ evaluation: '19.2', result: 'passed' });
    const abroad = computedChecks(ledgerOf([...structure, location('virginia', 'data', 'US')]), '2023-06-30');
    expect(abroad.get('19.2.b')).toMatchObject({ result: 'failed', breachedBy: ['data virginia (US)'] });
  });

  it('given no provider, or a date before it existed, then nothing is computed', () => {
    expect(computedChecks(null, '2023-06-30').size).toBe(0);
    expect(computedChecks(ledgerOf([entity('fr-group', 'FR')]), '2023-06-30').size).toBe(0);
    expect(computedChecks(ledgerOf(structure), '2021-12-31').size).toBe(0);
  });

  it('when applied to a row, the status follows the computed check and the hand-entered one stays, unless stated not applicable', () => {
    const check = computedChecks(ledgerOf([...structure, holding('us-partner', 'joint-company', 25, 25, '2023-01-01'), holding('fr-group', 'joint-company', 75, 75, '2023-01-01')]), '2023-06-30').get('19.6.b');
    const row = { ref: '19.6.b', applicable: null, status: 'passed', freshness: 'review_due', latestCheck: { result: 'passed' } };
    expect(withComputedCheck(row, check)).toEqual({ ...row, status: 'failed', freshness: 'current', computedCheck: check });
    expect(withComputedCheck({ ...row, applicable: false }, check)).toEqual({ ...row, applicable: false, computedCheck: null });
    expect(withComputedCheck(row, undefined)).toEqual({ ...row, computedCheck: null });
  });
});
