import { evaluate } from '../../../projections/sovereignty/evaluate';
import type { SovereigntyEvent } from '../../../src/sovereignty/sovereignty.events';
import { ledgerOf, provider } from './structure';

const access = (accessId: string, change: Partial<Extract<SovereigntyEvent, { type: 'AccessPathRecorded' }>['data']> = {}): SovereigntyEvent => ({
  type: 'AccessPathRecorded',
  data: { accessId, party: 'Upstream vendor support', jurisdiction: 'US', path: 'support', reachesData: true, operates: false, qualified: false, blockingMeasures: [], from: '2023-01-01', to: null, ...change },
});
const location = (locationId: string, country: string, from = '2023-01-01', to: string | null = null): SovereigntyEvent => ({
  type: 'LocationRecorded',
  data: { locationId, kind: 'data', name: `Data centre ${locationId}`, country, from, to },
});

describe('technical access (19.6.c–d) and locations (19.2)', () => {
  it('breaches 19.6.c with a non-EU party that can reach data with nothing blocking it', () => {
    const e = evaluate(ledgerOf([provider(), access('a1')]), '2023-06-30')!;
    expect(e.requirements['19.6.c']).toEqual({ verdict: 'breached', breaches: [{ accessId: 'a1', party: 'Upstream vendor support', jurisdiction: 'US' }] });
    expect(e.requirements['19.6.d'].verdict).toBe('compliant');
  });

  it('accepts the same path once blocked, or run by a qualified party, or under EU law', () => {
    const ledger = ledgerOf([
      provider(),
      access('blocked', { blockingMeasures: ['Sessions opened by the provider’s EU staff only, keys held in France'] }),
      access('qualified', { qualified: true, operates: true }),
      access('eu', { jurisdiction: 'DE', operates: true }),
    ]);
    const e = evaluate(ledger, '2023-06-30')!;
    expect([e.requirements['19.6.c'].verdict, e.requirements['19.6.d'].verdict]).toEqual(['compliant', 'compliant']);
    expect(e.access.map((a) => [a.accessId, a.nonEu, a.open])).toEqual([['blocked', true, false], ['qualified', true, false], ['eu', false, false]]);
  });

  it('breaches 19.6.d with a non-EU party that can operate the service, only while the path exists', () => {
    const ledger = ledgerOf([provider(), access('ops', { reachesData: false, operates: true, path: 'remote_administration', from: '2023-01-01', to: '2023-12-31' })]);
    expect(evaluate(ledger, '2023-12-31')!.requirements['19.6.d'].verdict).toBe('breached');
    expect(evaluate(ledger, '2024-01-01')!.requirements['19.6.d'].verdict).toBe('compliant');
  });

  it('breaches 19.2 with data kept outside the Union on the date asked about', () => {
    const ledger = ledgerOf([provider(), location('paris', 'FR'), location('virginia', 'US', '2024-03-01', '2024-04-30')]);
    expect(evaluate(ledger, '2024-02-29')!.requirements['19.2']).toEqual({ verdict: 'compliant', breaches: [] });
    expect(evaluate(ledger, '2024-03-01')!.requirements['19.2']).toEqual({ verdict: 'breached', breaches: [{ locationId: 'virginia', kind: 'data', country: 'US' }] });
    expect(evaluate(ledger, '2024-05-01')!.requirements['19.2'].verdict).toBe('compliant');
  });

  it('opens a 19.6.f obligation for a new open access path and for a location outside the Union', () => {
    const ledger = ledgerOf([provider(), location('paris', 'FR'), access('a1', { from: '2024-01-10' }), location('virginia', 'US', '2024-03-01')]);
    expect(ledger.notices.map((n) => [n.changeOn, n.dueOn, n.reasons])).toEqual([
      ['2024-01-10', '2024-02-10', [{ kind: 'verdict', requirement: '19.6.c', from: 'compliant', to: 'breached' }, { kind: 'access_opened', accessId: 'a1' }]],
      ['2024-03-01', '2024-04-01', [{ kind: 'verdict', requirement: '19.2', from: 'compliant', to: 'breached' }, { kind: 'location_outside_eu', locationId: 'virginia' }]],
    ]);
  });
});
