import type { ReviewedAccessPath } from '../../src/changes/changes.events';
import type { ControlRightKind, Establishment, SovereigntyEvent } from '../../src/sovereignty/sovereignty.events';

/**
 * Everything recorded about protection against non-EU law, as plain data:
 * the decider folds the stream into it to check new facts against the whole
 * structure, and the read model keeps it so that any business date can be
 * evaluated (evaluate.ts). No clock and no I/O.
 */
export interface EntityFacts {
  entityId: string;
  name: string;
  isProvider: boolean;
  establishedOn: string | null;
  /** Where it is established, from each date on (null: from its creation), oldest first. */
  seats: (Establishment & { from: string | null })[];
}

export interface HoldingFact {
  holder: string;
  of: string;
  capitalPercent: number;
  votingPercent: number;
  on: string;
}

export interface ControlRightFact {
  controlRightId: string;
  holder: string;
  of: string;
  kind: ControlRightKind;
  on: string;
  /** The last day it applies; null: open-ended. */
  endsOn: string | null;
  source: string | null;
}

/** A third party that can reach data or operate the service, as its event recorded it. */
export type AccessFact = Extract<SovereigntyEvent, { type: 'AccessPathRecorded' }>['data'];

/** A data location or support centre, as its event recorded it. */
export type LocationFact = Extract<SovereigntyEvent, { type: 'LocationRecorded' }>['data'];

export type ChangeReason =
  | { kind: 'verdict'; requirement: string; from: string; to: string }
  | { kind: 'threshold_crossed' | 'threshold_cleared'; entityId: string | null; measure: 'capital' | 'voting'; thresholdPercent: number }
  | { kind: 'control_right_added' | 'control_right_removed'; controlRightId: string }
  | { kind: 'access_opened' | 'access_closed'; accessId: string }
  | { kind: 'location_outside_eu' | 'location_back_in_eu'; locationId: string }
  | ({ kind: 'access_path_reviewed'; changeId: string } & Omit<ReviewedAccessPath, 'party'>);

/** An approved upstream release that adds or changes a technical access path (decision 29). */
export interface AccessReview extends ReviewedAccessPath {
  changeId: string;
  reviewedAt: string;
}

/** 19.6.f: customers are informed within one month of a change that could affect the protection. */
export interface NoticeObligation {
  obligation: string;
  /** The business date of the change, and the day the notice is due by. */
  changeOn: string;
  dueOn: string;
  /** The type of the fact that made the change, and what changed. */
  fact: SovereigntyEvent['type'] | 'ChangeReviewed';
  reasons: ChangeReason[];
  sentAt: string | null;
  reference: string | null;
  waived: { reason: string } | null;
}

export interface Ledger {
  providerId: string | null;
  entities: Record<string, EntityFacts>;
  /** In the order recorded: for one pair, the latest dated on or before a day is the holding that day. */
  holdings: HoldingFact[];
  controlRights: Record<string, ControlRightFact>;
  access: Record<string, AccessFact>;
  locations: Record<string, LocationFact>;
  notices: NoticeObligation[];
  /** Approved releases that add or change an access path, in the order reviewed. */
  accessReviews: AccessReview[];
  /** Obligations met or waived: those opened by a change review live in the read model only, so the decider remembers them here. */
  settled: string[];
}

export const EMPTY_LEDGER: Ledger = { providerId: null, entities: {}, holdings: [], controlRights: {}, access: {}, locations: {}, notices: [], accessReviews: [], settled: [] };

/** The structural effect of a fact; notices are opened by notices.ts, which compares evaluations. */
export function applyFact(ledger: Ledger, event: SovereigntyEvent): Ledger {
  switch (event.type) {
    case 'EntityRegistered': {
      const { entityId, name, isProvider, establishedOn, country, centralAdministration, mainEstablishment } = event.data;
      const entity: EntityFacts = { entityId, name, isProvider, establishedOn, seats: [{ from: establishedOn, country, centralAdministration, mainEstablishment }] };
      return { ...ledger, providerId: isProvider ? entityId : ledger.providerId, entities: { ...ledger.entities, [entityId]: entity } };
    }
    case 'EntityRelocated': {
      const { entityId, on, ...seat } = event.data;
      const entity = ledger.entities[entityId];
      const seats = [...entity.seats, { from: on, ...seat }].sort((a, b) => (a.from ?? '').localeCompare(b.from ?? ''));
      return { ...ledger, entities: { ...ledger.entities, [entityId]: { ...entity, seats } } };
    }
    case 'HoldingRecorded':
      return { ...ledger, holdings: [...ledger.holdings, { ...event.data }] };
    case 'ControlRightGranted':
      return { ...ledger, controlRights: { ...ledger.controlRights, [event.data.controlRightId]: { ...event.data } } };
    case 'ControlRightEnded': {
      const right = ledger.controlRights[event.data.controlRightId];
      return { ...ledger, controlRights: { ...ledger.controlRights, [right.controlRightId]: { ...right, endsOn: event.data.on } } };
    }
    case 'AccessPathRecorded':
      return { ...ledger, access: { ...ledger.access, [event.data.accessId]: { ...event.data } } };
    case 'LocationRecorded':
      return { ...ledger, locations: { ...ledger.locations, [event.data.locationId]: { ...event.data } } };
    case 'CustomerNoticeSent': {
      const { obligation, sentAt, reference } = event.data;
      return { ...ledger, notices: ledger.notices.map((n) => (n.obligation === obligation ? { ...n, sentAt, reference } : n)), settled: [...ledger.settled, obligation] };
    }
    case 'CustomerNoticeWaived': {
      const { obligation, reason } = event.data;
      return { ...ledger, notices: ledger.notices.map((n) => (n.obligation === obligation ? { ...n, waived: { reason } } : n)), settled: [...ledger.settled, obligation] };
    }
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

/** The entities existing on `date`. */
export const entitiesOn = (ledger: Ledger, date: string): EntityFacts[] =>
  Object.values(ledger.entities).filter((e) => e.establishedOn === null || e.establishedOn <= date);

/** Where an entity is established on `date`: its latest seat from that date or before (its first one before any). */
export function seatOn(entity: EntityFacts, date: string): Establishment {
  const current = entity.seats.filter((s) => s.from === null || s.from <= date);
  const { country, centralAdministration, mainEstablishment } = current.at(-1) ?? entity.seats[0];
  return { country, centralAdministration, mainEstablishment };
}

/** Every holding in force on `date` (non-zero), one per holder and held entity. */
export function holdingsOn(holdings: readonly HoldingFact[], date: string): HoldingFact[] {
  const latest = new Map<string, HoldingFact>();
  const dated = holdings.map((h, order) => ({ h, order })).filter(({ h }) => h.on <= date);
  dated.sort((a, b) => a.h.on.localeCompare(b.h.on) || a.order - b.order);
  for (const { h } of dated) latest.set(`${h.holder}\u0000${h.of}`, h);
  return [...latest.values()].filter((h) => h.capitalPercent > 0 || h.votingPercent > 0);
}

export const inForce = (from: string, to: string | null, date: string): boolean => from <= date && (to === null || date <= to);

export const controlRightsOn = (ledger: Ledger, date: string): ControlRightFact[] =>
  Object.values(ledger.controlRights).filter((r) => inForce(r.on, r.endsOn, date));
