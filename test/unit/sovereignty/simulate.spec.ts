import { evaluate } from '../../../projections/sovereignty/evaluate';
import { DomainError } from '../../../src/shared/errors';
import { applyPlan, effectOf, lastDateOf, planOf } from '../../../src/sovereignty/simulate';
import type { SimulateDto } from '../../../src/sovereignty/simulate.commands';
import { entity, holding, ledgerOf, provider } from './structure';

const ledger = ledgerOf([provider('joint-company'), entity('fr-group', 'FR'), entity('us-partner', 'US'), holding('fr-group', 'joint-company', 80), holding('us-partner', 'joint-company', 20)]);
const simulate = (body: SimulateDto) => {
  const plan = planOf(body);
  const validAt = body.validAt ?? lastDateOf(plan);
  return effectOf(evaluate(ledger, validAt)!, evaluate(applyPlan(ledger, plan), validAt)!);
};
const fieldOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof DomainError ? error.details.field ?? error.details.errors?.[0]?.field : String(error);
  }
  return null;
};

describe('a planned operation, evaluated without being recorded', () => {
  it('given a 20 % non-EU holder, when a capital increase takes it to 26 %, then 19.6.b breaks by 2 points', () => {
    const { breaks } = simulate({ changes: [holding('fr-group', 'joint-company', 74, 74, '2027-01-01'), holding('us-partner', 'joint-company', 26, 26, '2027-01-01')].map((e) => e.data as never) });
    expect(breaks).toEqual([{ requirement: '19.6.b', breaches: expect.arrayContaining([expect.objectContaining({ kind: 'individual', entityId: 'us-partner', measure: 'capital', excessPoints: 2 })]) }]);
  });

  it('when a shareholder agreement grants the non-EU holder a veto, then 19.6.b breaks with the planned right named', () => {
    const { breaks } = simulate({ controlRights: [{ holder: 'us-partner', of: 'joint-company', kind: 'veto', on: '2027-01-01' }] });
    expect(breaks).toEqual([{ requirement: '19.6.b', breaches: [{ kind: 'control_right', controlRightId: 'planned-right-1', holder: 'us-partner', of: 'joint-company', attributedTo: ['us-partner'] }] }]);
  });

  it('when an open access path and a data centre abroad are planned, then 19.6.c and 19.2 break, and a blocked path breaks nothing', () => {
    const path = { party: 'Vendor support', jurisdiction: 'US', path: 'support' as const, reachesData: true, operates: false, qualified: false, from: '2027-01-01' };
    const { breaks } = simulate({ access: [path], locations: [{ kind: 'data', name: 'Virginia', country: 'US', from: '2026-12-01' }] });
    expect(breaks.map((b) => b.requirement)).toEqual(['19.6.c', '19.2']);
    expect(simulate({ access: [{ ...path, blockingMeasures: ['Sessions opened from France only'] }] }).breaks).toEqual([]);
  });

  it('refuses an empty plan and names the field of a planned fact that breaks the rules', () => {
    expect(fieldOf(() => planOf({}))).toBe('changes');
    expect(fieldOf(() => applyPlan(ledger, planOf({ controlRights: [{ holder: 'us-partner', of: 'us-partner', kind: 'veto', on: '2027-01-01' }] })))).toBe('controlRights.0.of');
    expect(fieldOf(() => applyPlan(ledger, planOf({ locations: [{ kind: 'data', name: 'x', country: 'XZ', from: '2027-01-01' }] })))).toBe('locations.0.country');
  });
});
