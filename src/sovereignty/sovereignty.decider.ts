import { EMPTY_LEDGER, type HoldingFact, type Ledger, type NoticeObligation } from '../../projections/sovereignty/ledger';
import { recordFact } from '../../projections/sovereignty/notices';
import type { Decider } from '../shared/decider';
import { invalid, notFound, ruleBroken } from '../shared/errors';
import { notBefore, notInFuture } from '../shared/rules';
import { checkControlRight, checkHolding, checkStay, country, knownEntity } from './holding-rules';
import type { AccessPath, ControlRightKind, LocationKind, SovereigntyEvent } from './sovereignty.events';

interface Seat {
  country: string;
  centralAdministration?: string;
  mainEstablishment?: string;
}

export type SovereigntyCommand =
  | (Seat & { kind: 'RegisterEntity'; entityId: string; name: string; isProvider?: boolean; establishedOn?: string })
  | (Seat & { kind: 'RelocateEntity'; entityId: string; on: string })
  | (HoldingFact & { kind: 'RecordHolding' })
  | { kind: 'GrantControlRight'; controlRightId: string; holder: string; of: string; rightKind: ControlRightKind; on: string; endsOn?: string; source?: string }
  | { kind: 'EndControlRight'; controlRightId: string; on: string }
  | {
      kind: 'RecordAccessPath';
      accessId: string;
      party: string;
      jurisdiction: string;
      path: AccessPath;
      reachesData: boolean;
      operates: boolean;
      qualified: boolean;
      blockingMeasures?: string[];
      from: string;
      to?: string;
    }
  | { kind: 'RecordLocation'; locationId: string; locationKind: LocationKind; name: string; country: string; from: string; to?: string }
  /** `opened`: an obligation opened by a change review, which the handler reads from the change's stream (decision 29). */
  | { kind: 'SendNotice'; obligation: string; sentAt: string; reference: string; opened?: NoticeObligation | null }
  | { kind: 'WaiveNotice'; obligation: string; reason: string; opened?: NoticeObligation | null };

const seat = (command: Seat) => {
  const registered = country('country', command.country);
  return {
    country: registered,
    centralAdministration: country('centralAdministration', command.centralAdministration ?? registered),
    mainEstablishment: country('mainEstablishment', command.mainEstablishment ?? registered),
  };
};

const utc = (instant: string) => new Date(instant).toISOString();

export const sovereigntyDecider: Decider<SovereigntyCommand, SovereigntyEvent, Ledger> = {
  initialState: EMPTY_LEDGER,
  evolve: recordFact,

  decide(command, ledger, now) {
    switch (command.kind) {
      case 'RegisterEntity': {
        if (ledger.entities[command.entityId]) throw ruleBroken(`entity ${command.entityId} is already registered`, { field: 'entityId' });
        const isProvider = command.isProvider ?? false;
        if (isProvider && ledger.providerId !== null) throw ruleBroken(`the provider is already registered: ${ledger.providerId}`, { field: 'isProvider' });
        if (command.establishedOn !== undefined) notInFuture('establishedOn', command.establishedOn, now);
        const data = { entityId: command.entityId, name: command.name, ...seat(command), isProvider, establishedOn: command.establishedOn ?? null };
        return [{ type: 'EntityRegistered', data }];
      }
      case 'RelocateEntity': {
        knownEntity(ledger, 'entityId', command.entityId, { field: 'on', value: command.on });
        notInFuture('on', command.on, now);
        return [{ type: 'EntityRelocated', data: { entityId: command.entityId, ...seat(command), on: command.on } }];
      }
      case 'RecordHolding': {
        const { kind: _kind, ...holding } = command;
        notInFuture('on', holding.on, now);
        checkHolding(ledger, holding);
        return [{ type: 'HoldingRecorded', data: holding }];
      }
      case 'GrantControlRight': {
        const { controlRightId, holder, of, rightKind, on } = command;
        checkControlRight(ledger, { holder, of, on, endsOn: command.endsOn ?? null });
        notInFuture('on', on, now);
        return [{ type: 'ControlRightGranted', data: { controlRightId, holder, of, kind: rightKind, on, endsOn: command.endsOn ?? null, source: command.source ?? null } }];
      }
      case 'EndControlRight': {
        const right = ledger.controlRights[command.controlRightId];
        if (!right) throw notFound(`control right ${command.controlRightId} not found`);
        notBefore('on', command.on, right.on, 'the grant');
        notInFuture('on', command.on, now);
        return [{ type: 'ControlRightEnded', data: { controlRightId: right.controlRightId, on: command.on } }];
      }
      case 'RecordAccessPath': {
        const { kind: _kind, blockingMeasures, to, ...access } = command;
        checkStay({ ...access, to: to ?? null });
        notInFuture('from', access.from, now);
        return [{ type: 'AccessPathRecorded', data: { ...access, blockingMeasures: blockingMeasures ?? [], to: to ?? null } }];
      }
      case 'RecordLocation': {
        const { locationId, locationKind, name, from, to } = command;
        checkStay({ country: command.country, from, to: to ?? null });
        notInFuture('from', from, now);
        return [{ type: 'LocationRecorded', data: { locationId, kind: locationKind, name, country: command.country, from, to: to ?? null } }];
      }
      case 'SendNotice':
      case 'WaiveNotice': {
        const notice = ledger.notices.find((n) => n.obligation === command.obligation) ?? command.opened;
        if (!notice) throw invalid('obligation', `no 19.6.f obligation ${command.obligation}; GET /sovereignty lists them under notices`);
        if (notice.sentAt !== null || notice.waived !== null || ledger.settled.includes(command.obligation)) {
          throw ruleBroken(`obligation ${command.obligation} is already met by a notice or waived`, { field: 'obligation' });
        }
        if (command.kind === 'WaiveNotice') return [{ type: 'CustomerNoticeWaived', data: { obligation: command.obligation, reason: command.reason } }];
        notInFuture('sentAt', command.sentAt, now);
        notBefore('sentAt', command.sentAt, notice.changeOn, 'the change it reports');
        return [{ type: 'CustomerNoticeSent', data: { obligation: command.obligation, sentAt: utc(command.sentAt), reference: command.reference } }];
      }
      default: {
        const unknown: never = command;
        return unknown;
      }
    }
  },
};
