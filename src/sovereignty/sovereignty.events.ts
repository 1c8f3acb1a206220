/**
 * The facts of protection against non-EU law (SecNumCloud 3.2, 19.2 and
 * 19.6): who the provider and its shareholders are and where they are
 * established, who holds what of whom from which date, the control rights
 * granted by contract or statutes, the third parties that can technically
 * reach data or operate the service, where data and support are, and the
 * notices sent to customers. They all live in one stream, because the rules
 * (holders of an entity within 100 %, no ownership cycle) are about the
 * structure as a whole. Dates are calendar dates (YYYY-MM-DD).
 */
export const SOVEREIGNTY_STREAM = 'sovereignty-structure';

export const CONTROL_RIGHT_KINDS = ['veto', 'board_appointment', 'budget_approval', 'other'] as const;
export type ControlRightKind = (typeof CONTROL_RIGHT_KINDS)[number];

export const ACCESS_PATHS = ['support', 'software_updates', 'remote_administration', 'subcontracting', 'telemetry', 'other'] as const;
export type AccessPath = (typeof ACCESS_PATHS)[number];

export const LOCATION_KINDS = ['data', 'support'] as const;
export type LocationKind = (typeof LOCATION_KINDS)[number];

export interface Establishment {
  /** Country of the registered office (siège statutaire). */
  country: string;
  centralAdministration: string;
  mainEstablishment: string;
}

export type SovereigntyEvent =
  | {
      type: 'EntityRegistered';
      data: Establishment & { entityId: string; name: string; isProvider: boolean; establishedOn: string | null };
    }
  | { type: 'EntityRelocated'; data: Establishment & { entityId: string; on: string } }
  /** 0 % of both ends the holding from `on`. */
  | { type: 'HoldingRecorded'; data: { holder: string; of: string; capitalPercent: number; votingPercent: number; on: string } }
  | {
      type: 'ControlRightGranted';
      data: { controlRightId: string; holder: string; of: string; kind: ControlRightKind; on: string; endsOn: string | null; source: string | null };
    }
  | { type: 'ControlRightEnded'; data: { controlRightId: string; on: string } }
  | {
      type: 'AccessPathRecorded';
      data: {
        accessId: string;
        party: string;
        /** Country whose law the party is subject to. */
        jurisdiction: string;
        path: AccessPath;
        reachesData: boolean;
        operates: boolean;
        /** The party is itself SecNumCloud-qualified for what it does. */
        qualified: boolean;
        /** What prevents it from reaching data or operating without the provider; empty: nothing does. */
        blockingMeasures: string[];
        from: string;
        to: string | null;
      };
    }
  | { type: 'LocationRecorded'; data: { locationId: string; kind: LocationKind; name: string; country: string; from: string; to: string | null } }
  | { type: 'CustomerNoticeSent'; data: { obligation: string; sentAt: string; reference: string } }
  | { type: 'CustomerNoticeWaived'; data: { obligation: string; reason: string } };

export type SovereigntyEventType = SovereigntyEvent['type'];
export const SOVEREIGNTY_EVENT_TYPES: readonly SovereigntyEventType[] = [
  'EntityRegistered',
  'EntityRelocated',
  'HoldingRecorded',
  'ControlRightGranted',
  'ControlRightEnded',
  'AccessPathRecorded',
  'LocationRecorded',
  'CustomerNoticeSent',
  'CustomerNoticeWaived',
];
