import type { Establishment } from '../../src/sovereignty/sovereignty.events';
import { isEuMember } from './countries';
import { controlRightsOn, entitiesOn, holdingsOn, inForce, seatOn, type AccessFact, type AccessReview, type Ledger, type LocationFact } from './ledger';
import { lookThrough, round, type Figures, type HolderShare, type Measure } from './look-through';

/** SecNumCloud 3.2, 19.6.b: at most 24 % individually and 39 % collectively, of capital and of voting rights. */
export const INDIVIDUAL_THRESHOLD = 24;
export const COLLECTIVE_THRESHOLD = 39;

export type Verdict = 'compliant' | 'breached';
export const REQUIREMENTS = ['19.6.a', '19.6.b', '19.6.c', '19.6.d', '19.2'] as const;
export type SovereigntyRequirement = (typeof REQUIREMENTS)[number];

export type Breach =
  | { kind: 'individual'; entityId: string; measure: Measure; percent: number; thresholdPercent: number; excessPoints: number }
  | { kind: 'collective'; measure: Measure; percent: number; thresholdPercent: number; excessPoints: number }
  | { kind: 'control_right'; controlRightId: string; holder: string; of: string; attributedTo: string[] };

export interface Seat {
  country: string;
  eu: boolean;
}

export interface EstablishmentAnswer {
  registeredOffice: Seat;
  centralAdministration: Seat;
  mainEstablishment: Seat;
}

export interface SovereigntyEvaluation {
  validAt: string;
  provider: { entityId: string; name: string };
  requirements: {
    '19.6.a': { verdict: Verdict; establishment: EstablishmentAnswer };
    '19.6.b': { verdict: Verdict; breaches: Breach[] };
    '19.6.c': { verdict: Verdict; breaches: { accessId: string; party: string; jurisdiction: string }[] };
    '19.6.d': { verdict: Verdict; breaches: { accessId: string; party: string; jurisdiction: string }[] };
    '19.2': { verdict: Verdict; breaches: { locationId: string; kind: string; country: string }[] };
  };
  thresholds: { individualPercent: number; collectivePercent: number };
  nonEu: { maxIndividual: ({ entityId: string } & Figures) | null; collective: Figures };
  holders: (HolderShare & { name: string; country: string; nonEu: boolean })[];
  controlRights: { controlRightId: string; holder: string; of: string; kind: string; on: string; endsOn: string | null; source: string | null; attributedTo: string[]; counts: boolean }[];
  establishment: EstablishmentAnswer;
  /** `reviewedIn`: the approved change reviews that added or changed this path. */
  access: (AccessFact & { nonEu: boolean; open: boolean; reviewedIn: string[] })[];
  /** Approved releases that added or changed an access path, reviewed by then (decision 29). */
  accessReviews: (AccessReview & { nonEu: boolean })[];
  locations: (LocationFact & { eu: boolean })[];
}

const seat = (country: string, date: string): Seat => ({ country, eu: isEuMember(country, date) });
const establishmentOn = (e: Establishment, date: string): EstablishmentAnswer => ({
  registeredOffice: seat(e.country, date),
  centralAdministration: seat(e.centralAdministration, date),
  mainEstablishment: seat(e.mainEstablishment, date),
});
/** Non-EU (decision 22): registered office, central administration or main establishment outside the Union. */
const isNonEu = (e: Establishment, date: string) => ![e.country, e.centralAdministration, e.mainEstablishment].every((c) => isEuMember(c, date));

/** The evaluation of 19.6.a–d and 19.2 on the business date `validAt`, from the facts of `ledger`; null without a provider. */
export function evaluate(ledger: Ledger, validAt: string): SovereigntyEvaluation | null {
  if (ledger.providerId === null) return null;
  const provider = ledger.entities[ledger.providerId];
  const entities = entitiesOn(ledger, validAt);
  const seats = new Map(entities.map((e) => [e.entityId, seatOn(e, validAt)]));
  const nonEu = new Set(entities.filter((e) => isNonEu(seats.get(e.entityId)!, validAt)).map((e) => e.entityId));
  const rights = controlRightsOn(ledger, validAt);
  const shares = lookThrough({
    provider: provider.entityId,
    entities: entities.map((e) => ({ entityId: e.entityId, nonEu: nonEu.has(e.entityId) })),
    holdings: holdingsOn(ledger.holdings, validAt),
    rights,
  });

  const holders = shares.holders.map((h) => ({ ...h, name: ledger.entities[h.entityId].name, country: seats.get(h.entityId)!.country, nonEu: nonEu.has(h.entityId) }));
  const nonEuHolders = holders.filter((h) => h.nonEu);
  const breaches: Breach[] = [];
  for (const h of nonEuHolders) {
    for (const measure of ['capital', 'voting'] as const) {
      const percent = measure === 'capital' ? h.effective.capitalPercent : h.effective.votingPercent;
      if (percent > INDIVIDUAL_THRESHOLD) breaches.push({ kind: 'individual', entityId: h.entityId, measure, percent, thresholdPercent: INDIVIDUAL_THRESHOLD, excessPoints: round(percent - INDIVIDUAL_THRESHOLD) });
    }
  }
  for (const measure of ['capital', 'voting'] as const) {
    const percent = measure === 'capital' ? shares.nonEuCollective.capitalPercent : shares.nonEuCollective.votingPercent;
    if (percent > COLLECTIVE_THRESHOLD) breaches.push({ kind: 'collective', measure, percent, thresholdPercent: COLLECTIVE_THRESHOLD, excessPoints: round(percent - COLLECTIVE_THRESHOLD) });
  }
  // A right counts when a non-EU entity holds it (itself or through an entity it controls) over the provider or over an entity controlling it.
  const controllersOfProvider = new Set(entities.filter((e) => e.entityId !== provider.entityId && shares.groups.get(e.entityId)!.has(provider.entityId)).map((e) => e.entityId));
  const controlRights = rights.map((r) => {
    const attributedTo = shares.controllers.get(r.holder) ?? [];
    const counts = attributedTo.length > 0 && (r.of === provider.entityId || controllersOfProvider.has(r.of));
    return { ...r, attributedTo, counts };
  });
  for (const r of controlRights.filter((c) => c.counts)) breaches.push({ kind: 'control_right', controlRightId: r.controlRightId, holder: r.holder, of: r.of, attributedTo: r.attributedTo });

  const largest = [...nonEuHolders].sort((a, b) => Math.max(b.effective.capitalPercent, b.effective.votingPercent) - Math.max(a.effective.capitalPercent, a.effective.votingPercent))[0];
  const establishment = establishmentOn(seats.get(provider.entityId) ?? seatOn(provider, validAt), validAt);
  const reviews = ledger.accessReviews.filter((r) => r.reviewedAt.slice(0, 10) <= validAt);
  const access = Object.values(ledger.access)
    .filter((a) => inForce(a.from, a.to, validAt))
    .map((a) => {
      const outside = !isEuMember(a.jurisdiction, validAt);
      const reviewedIn = reviews.filter((r) => r.accessId === a.accessId).map((r) => r.changeId);
      return { ...a, nonEu: outside, open: outside && !a.qualified && a.blockingMeasures.length === 0, reviewedIn };
    });
  const locations = Object.values(ledger.locations)
    .filter((l) => inForce(l.from, l.to, validAt))
    .map((l) => ({ ...l, eu: isEuMember(l.country, validAt) }));
  const accessBreaches = (f: (a: AccessFact) => boolean) => access.filter((a) => a.open && f(a)).map(({ accessId, party, jurisdiction }) => ({ accessId, party, jurisdiction }));
  const verdict = (ok: boolean): Verdict => (ok ? 'compliant' : 'breached');
  const reach = accessBreaches((a) => a.reachesData);
  const operate = accessBreaches((a) => a.operates);
  const outside = locations.filter((l) => !l.eu).map(({ locationId, kind, country }) => ({ locationId, kind, country }));
  const seatsEu = establishment.registeredOffice.eu && establishment.centralAdministration.eu && establishment.mainEstablishment.eu;

  return {
    validAt,
    provider: { entityId: provider.entityId, name: provider.name },
    requirements: {
      '19.6.a': { verdict: verdict(seatsEu), establishment },
      '19.6.b': { verdict: verdict(breaches.length === 0), breaches },
      '19.6.c': { verdict: verdict(reach.length === 0), breaches: reach },
      '19.6.d': { verdict: verdict(operate.length === 0), breaches: operate },
      '19.2': { verdict: verdict(outside.length === 0), breaches: outside },
    },
    thresholds: { individualPercent: INDIVIDUAL_THRESHOLD, collectivePercent: COLLECTIVE_THRESHOLD },
    nonEu: {
      maxIndividual: largest ? { entityId: largest.entityId, capitalPercent: largest.effective.capitalPercent, votingPercent: largest.effective.votingPercent } : null,
      collective: shares.nonEuCollective,
    },
    holders: holders.sort((a, b) => b.effective.capitalPercent + b.effective.votingPercent - (a.effective.capitalPercent + a.effective.votingPercent) || a.entityId.localeCompare(b.entityId)),
    controlRights,
    establishment,
    access,
    accessReviews: reviews.map((r) => ({ ...r, nonEu: !isEuMember(r.jurisdiction, validAt) })),
    locations,
  };
}
