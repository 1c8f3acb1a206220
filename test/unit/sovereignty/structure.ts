import { EMPTY_LEDGER, type Ledger } from '../../../projections/sovereignty/ledger';
import { recordFact } from '../../../projections/sovereignty/notices';
import type { SovereigntyEvent } from '../../../src/sovereignty/sovereignty.events';

/** Facts of a structure, written briefly for tests. */
export const entity = (entityId: string, country: string, extra: Partial<Extract<SovereigntyEvent, { type: 'EntityRegistered' }>['data']> = {}): SovereigntyEvent => ({
  type: 'EntityRegistered',
  data: { entityId, name: entityId, country, centralAdministration: country, mainEstablishment: country, isProvider: false, establishedOn: null, ...extra },
});
export const provider = (entityId = 'provider', country = 'FR') => entity(entityId, country, { isProvider: true, establishedOn: '2022-01-01' });
export const holding = (holder: string, of: string, capitalPercent: number, votingPercent = capitalPercent, on = '2022-06-30'): SovereigntyEvent => ({
  type: 'HoldingRecorded',
  data: { holder, of, capitalPercent, votingPercent, on },
});
export const right = (controlRightId: string, holder: string, of: string, on = '2022-06-30', endsOn: string | null = null): SovereigntyEvent => ({
  type: 'ControlRightGranted',
  data: { controlRightId, holder, of, kind: 'veto', on, endsOn, source: 'Shareholder agreement' },
});

export const ledgerOf = (events: SovereigntyEvent[]): Ledger => events.reduce(recordFact, EMPTY_LEDGER);
