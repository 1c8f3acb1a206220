import { evaluate } from '../../../projections/sovereignty/evaluate';
import { entity, holding, ledgerOf, provider, right } from './structure';

const ON = '2023-01-01';
const evaluation = (...events: Parameters<typeof ledgerOf>[0]) => evaluate(ledgerOf(events), ON)!;
const holderOf = (e: ReturnType<typeof evaluation>, id: string) => e.holders.find((h) => h.entityId === id);

describe('evaluation of protection against non-EU law (19.6.a–b)', () => {
  it('answers nothing before a provider is recorded', () => {
    expect(evaluate(ledgerOf([entity('us-partner', 'US')]), ON)).toBeNull();
  });

  describe('direct holdings', () => {
    it('finds a 20 % non-EU stake within 24 %, and the EU majority not counted', () => {
      const e = evaluation(provider(), entity('fr-group', 'FR'), entity('us-partner', 'US'), holding('fr-group', 'provider', 80), holding('us-partner', 'provider', 20));
      expect(e.requirements['19.6.b']).toEqual({ verdict: 'compliant', breaches: [] });
      expect(e.nonEu).toEqual({ maxIndividual: { entityId: 'us-partner', capitalPercent: 20, votingPercent: 20 }, collective: { capitalPercent: 20, votingPercent: 20 } });
      expect(holderOf(e, 'us-partner')).toMatchObject({ nonEu: true, method: 'direct', direct: { capitalPercent: 20 }, effective: { capitalPercent: 20, votingPercent: 20 } });
      expect(holderOf(e, 'fr-group')).toMatchObject({ nonEu: false, effective: { capitalPercent: 80 } });
    });

    it('names the holder, the measure and the excess of a stake over 24 %, capital and voting rights apart', () => {
      const e = evaluation(provider(), entity('us-partner', 'US'), holding('us-partner', 'provider', 20, 30));
      expect(e.requirements['19.6.b'].verdict).toBe('breached');
      expect(e.requirements['19.6.b'].breaches).toEqual([{ kind: 'individual', entityId: 'us-partner', measure: 'voting', percent: 30, thresholdPercent: 24, excessPoints: 6 }]);
    });

    it('takes exactly 24 % as within the threshold', () => {
      expect(evaluation(provider(), entity('us-partner', 'US'), holding('us-partner', 'provider', 24)).requirements['19.6.b'].verdict).toBe('compliant');
    });

    it('counts as non-EU an entity whose central administration or main establishment is outside the Union', () => {
      const e = evaluation(provider(), entity('ie-sub', 'IE', { centralAdministration: 'US' }), holding('ie-sub', 'provider', 30));
      expect(holderOf(e, 'ie-sub')?.nonEu).toBe(true);
      expect(e.requirements['19.6.b'].verdict).toBe('breached');
    });
  });

  describe('indirect holdings', () => {
    it('multiplies along a chain when the non-EU parent does not control the EU intermediary', () => {
      const e = evaluation(provider(), entity('eu-holding', 'NL'), entity('us-parent', 'US'), holding('eu-holding', 'provider', 50), holding('us-parent', 'eu-holding', 40));
      expect(holderOf(e, 'us-parent')).toMatchObject({ method: 'multiplication', direct: { capitalPercent: 0 }, effective: { capitalPercent: 20, votingPercent: 20 } });
      expect(holderOf(e, 'us-parent')?.chains).toEqual([{ path: ['us-parent', 'eu-holding', 'provider'], capitalPercent: 20, votingPercent: 20 }]);
      expect(e.requirements['19.6.b'].verdict).toBe('compliant');
      expect(e.nonEu.collective).toEqual({ capitalPercent: 20, votingPercent: 20 });
    });

    it('counts the whole stake of an EU intermediary a non-EU parent controls, whichever reading is stricter', () => {
      const e = evaluation(provider(), entity('eu-holding', 'NL'), entity('us-parent', 'US'), holding('eu-holding', 'provider', 30), holding('us-parent', 'eu-holding', 60));
      const parent = holderOf(e, 'us-parent')!;
      expect(parent.multiplied).toEqual({ capitalPercent: 18, votingPercent: 18 });
      expect(parent.byControl).toEqual({ capitalPercent: 30, votingPercent: 30 });
      expect(parent).toMatchObject({ method: 'control', effective: { capitalPercent: 30, votingPercent: 30 }, controls: ['eu-holding'] });
      expect(e.requirements['19.6.b'].breaches).toContainEqual({ kind: 'individual', entityId: 'us-parent', measure: 'capital', percent: 30, thresholdPercent: 24, excessPoints: 6 });
      expect(e.nonEu.collective).toEqual({ capitalPercent: 30, votingPercent: 30 });
    });

    it('adds a direct and an indirect stake of the same non-EU entity', () => {
      const e = evaluation(provider(), entity('eu-holding', 'DE'), entity('us-partner', 'US'), holding('us-partner', 'provider', 15), holding('eu-holding', 'provider', 40), holding('us-partner', 'eu-holding', 30));
      expect(holderOf(e, 'us-partner')?.effective).toEqual({ capitalPercent: 27, votingPercent: 27 });
      expect(e.requirements['19.6.b'].verdict).toBe('breached');
    });
  });

  describe('collective holdings', () => {
    it('breaches 39 % with two non-EU holders each within 24 %, and says by how much', () => {
      const e = evaluation(provider(), entity('us-a', 'US'), entity('cn-b', 'CN'), holding('us-a', 'provider', 20), holding('cn-b', 'provider', 20, 19));
      expect(e.requirements['19.6.b'].breaches).toEqual([{ kind: 'collective', measure: 'capital', percent: 40, thresholdPercent: 39, excessPoints: 1 }]);
      expect(e.nonEu.collective).toEqual({ capitalPercent: 40, votingPercent: 39 });
    });

    it('counts a stake once when a non-EU parent and its non-EU subsidiary both reach it', () => {
      const e = evaluation(provider(), entity('us-parent', 'US'), entity('us-sub', 'US'), holding('us-parent', 'us-sub', 100), holding('us-sub', 'provider', 20));
      expect(holderOf(e, 'us-parent')?.effective.capitalPercent).toBe(20);
      expect(holderOf(e, 'us-sub')?.effective.capitalPercent).toBe(20);
      expect(e.nonEu.collective.capitalPercent).toBe(20);
    });
  });

  describe('control rights', () => {
    it('breaches 19.6.b with a non-EU veto over the provider, whatever the stake', () => {
      const e = evaluation(provider(), entity('us-partner', 'US'), holding('us-partner', 'provider', 10), right('veto-1', 'us-partner', 'provider'));
      expect(e.requirements['19.6.b'].breaches).toEqual([{ kind: 'control_right', controlRightId: 'veto-1', holder: 'us-partner', of: 'provider', attributedTo: ['us-partner'] }]);
      expect(e.controlRights).toEqual([expect.objectContaining({ controlRightId: 'veto-1', kind: 'veto', counts: true })]);
    });

    it('does not count an EU holder’s veto, nor a right that has ended', () => {
      expect(evaluation(provider(), entity('fr-group', 'FR'), right('veto-1', 'fr-group', 'provider')).requirements['19.6.b'].verdict).toBe('compliant');
      const ended = evaluation(provider(), entity('us-partner', 'US'), right('veto-2', 'us-partner', 'provider', '2022-06-30', '2022-12-31'));
      expect(ended.requirements['19.6.b'].verdict).toBe('compliant');
      expect(ended.controlRights).toEqual([]);
    });

    it('treats a veto over an EU intermediary as control of it: its whole stake counts', () => {
      const e = evaluation(provider(), entity('eu-holding', 'BE'), entity('us-partner', 'US'), holding('eu-holding', 'provider', 30), holding('us-partner', 'eu-holding', 10), right('veto-3', 'us-partner', 'eu-holding'));
      expect(holderOf(e, 'us-partner')).toMatchObject({ method: 'control', effective: { capitalPercent: 30 }, controls: ['eu-holding'] });
      expect(e.requirements['19.6.b'].breaches.map((b) => b.kind)).toEqual(['individual', 'individual']);
    });
  });

  describe('establishment (19.6.a) and membership over time', () => {
    it('requires registered office, central administration and main establishment in the Union', () => {
      const e = evaluate(ledgerOf([{ ...provider(), data: { ...provider().data, mainEstablishment: 'US' } } as never]), ON)!;
      expect(e.requirements['19.6.a']).toEqual({
        verdict: 'breached',
        establishment: { registeredOffice: { country: 'FR', eu: true }, centralAdministration: { country: 'FR', eu: true }, mainEstablishment: { country: 'US', eu: false } },
      });
    });

    it('counts a UK holder as EU up to 31 January 2020 and as non-EU from the next day', () => {
      const ledger = ledgerOf([entity('provider', 'FR', { isProvider: true }), entity('uk-investor', 'GB'), holding('uk-investor', 'provider', 30, 30, '2019-01-01')]);
      expect(evaluate(ledger, '2020-01-31')!.requirements['19.6.b'].verdict).toBe('compliant');
      expect(evaluate(ledger, '2020-02-01')!.requirements['19.6.b'].breaches).toContainEqual(expect.objectContaining({ entityId: 'uk-investor', excessPoints: 6 }));
    });

    it('follows holdings by business date: before, on and after a transfer', () => {
      const ledger = ledgerOf([provider(), entity('us-partner', 'US'), holding('us-partner', 'provider', 20, 20, '2022-06-30'), holding('us-partner', 'provider', 30, 30, '2024-01-01'), holding('us-partner', 'provider', 0, 0, '2025-01-01')]);
      expect(evaluate(ledger, '2022-06-29')!.holders).toEqual([]);
      expect(evaluate(ledger, '2023-12-31')!.requirements['19.6.b'].verdict).toBe('compliant');
      expect(evaluate(ledger, '2024-01-01')!.requirements['19.6.b'].verdict).toBe('breached');
      expect(evaluate(ledger, '2025-01-01')!.holders).toEqual([]);
    });
  });
});
