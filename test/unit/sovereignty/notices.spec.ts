import { evaluate } from '../../../projections/sovereignty/evaluate';
import { noticeStatus } from '../../../projections/sovereignty/notices';
import { entity, holding, ledgerOf, provider, right } from './structure';

const base = [provider(), entity('us-partner', 'US'), entity('fr-group', 'FR'), holding('fr-group', 'provider', 80, 80, '2022-06-30'), holding('us-partner', 'provider', 20, 20, '2022-06-30')];

describe('19.6.f notice obligations', () => {
  it('opens none while figures move without crossing a threshold', () => {
    expect(ledgerOf([...base, holding('us-partner', 'provider', 22, 22, '2023-03-01')]).notices).toEqual([]);
  });

  it('opens one when a holding crosses 24 %, due one month after the change, naming what changed', () => {
    const ledger = ledgerOf([...base, holding('fr-group', 'provider', 70, 70, '2024-01-31'), holding('us-partner', 'provider', 30, 30, '2024-01-31')]);
    expect(ledger.notices).toEqual([
      {
        obligation: 'notice-1',
        changeOn: '2024-01-31',
        dueOn: '2024-02-29',
        fact: 'HoldingRecorded',
        reasons: [
          { kind: 'verdict', requirement: '19.6.b', from: 'compliant', to: 'breached' },
          { kind: 'threshold_crossed', entityId: 'us-partner', measure: 'capital', thresholdPercent: 24 },
          { kind: 'threshold_crossed', entityId: 'us-partner', measure: 'voting', thresholdPercent: 24 },
        ],
        sentAt: null,
        reference: null,
        waived: null,
      },
    ]);
    expect(noticeStatus(ledger.notices[0])).toBe('pending');
  });

  it('opens one for a non-EU control right, and another when it ends', () => {
    const ledger = ledgerOf([...base, right('veto-1', 'us-partner', 'provider', '2023-05-01'), { type: 'ControlRightEnded', data: { controlRightId: 'veto-1', on: '2023-09-30' } }]);
    expect(ledger.notices.map((n) => [n.changeOn, n.reasons.map((r) => r.kind)])).toEqual([
      ['2023-05-01', ['verdict', 'control_right_added']],
      ['2023-10-01', ['verdict', 'control_right_removed']],
    ]);
    expect(evaluate(ledger, '2023-09-30')!.requirements['19.6.b'].verdict).toBe('breached');
    expect(evaluate(ledger, '2023-10-01')!.requirements['19.6.b'].verdict).toBe('compliant');
  });

  it('opens none for registering the provider itself: there was nothing to compare with', () => {
    const ledger = ledgerOf([entity('provider', 'US', { isProvider: true, establishedOn: '2022-01-01' })]);
    expect(evaluate(ledger, '2022-01-01')!.requirements['19.6.a'].verdict).toBe('breached');
    expect(ledger.notices).toEqual([]);
  });

  it('is met by a notice sent by the due day, missed by a later one, or waived', () => {
    const [open] = ledgerOf([...base, holding('us-partner', 'provider', 25, 25, '2024-01-31')]).notices;
    expect(noticeStatus({ ...open, sentAt: '2024-02-29T23:00:00.000Z' })).toBe('met');
    expect(noticeStatus({ ...open, sentAt: '2024-03-01T08:00:00.000Z' })).toBe('missed');
    expect(noticeStatus({ ...open, waived: { reason: 'Corrected within the day' } })).toBe('waived');
  });
});
