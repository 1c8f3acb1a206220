import { isCountry } from '../../projections/sovereignty/countries';
import { holdingsOn, type AccessFact, type ControlRightFact, type HoldingFact, type Ledger, type LocationFact } from '../../projections/sovereignty/ledger';
import { invalid, ruleBroken } from '../shared/errors';
import { notBefore } from '../shared/rules';

/** The code, when it names a country of ISO 3166-1. */
export const country = (field: string, code: string): string => {
  if (!isCountry(code)) throw invalid(field, `${code} is not an ISO 3166-1 alpha-2 country code`);
  return code;
};

/**
 * The rules of the other facts, recorded or planned (`prefix` names the field
 * inside a simulation's list); whether a date is in the future is the
 * decider's to check, since a plan may be.
 */
export function checkControlRight(ledger: Ledger, right: Pick<ControlRightFact, 'holder' | 'of' | 'on' | 'endsOn'>, prefix = ''): void {
  const { holder, of, on } = right;
  knownEntity(ledger, `${prefix}holder`, holder, { field: `${prefix}on`, value: on });
  knownEntity(ledger, `${prefix}of`, of, { field: `${prefix}on`, value: on });
  if (holder === of) throw invalid(`${prefix}of`, 'an entity holds no control right over itself');
  if (right.endsOn !== null) notBefore(`${prefix}endsOn`, right.endsOn, on, 'the grant');
}

export function checkStay(fact: Pick<AccessFact, 'jurisdiction' | 'from' | 'to'> | Pick<LocationFact, 'country' | 'from' | 'to'>, prefix = ''): void {
  if ('jurisdiction' in fact) country(`${prefix}jurisdiction`, fact.jurisdiction);
  else country(`${prefix}country`, fact.country);
  if (fact.to !== null) notBefore(`${prefix}to`, fact.to, fact.from, 'from');
}

/** The entity, which must be registered, and which must have existed on `date` when one is given. */
export function knownEntity(ledger: Ledger, field: string, entityId: string, date?: { field: string; value: string }) {
  const entity = ledger.entities[entityId];
  if (!entity) throw invalid(field, `unknown entity ${entityId}: register it with POST /sovereignty/entities first`);
  if (date && entity.establishedOn !== null) notBefore(date.field, date.value, entity.establishedOn, `the establishment of ${entityId}`);
  return entity;
}

/**
 * The rules a holding must keep, on its own date and on every later date at
 * which the structure changes: both entities registered and existing, no
 * entity holding itself, the holders of an entity within 100 % of its
 * capital and of its voting rights, and no ownership cycle. `prefix` names
 * the field inside a simulation's list of changes. Pure.
 */
export function checkHolding(ledger: Ledger, holding: HoldingFact, prefix = ''): void {
  const field = (name: string) => `${prefix}${name}`;
  knownEntity(ledger, field('holder'), holding.holder, { field: field('on'), value: holding.on });
  knownEntity(ledger, field('of'), holding.of, { field: field('on'), value: holding.on });
  if (holding.holder === holding.of) throw invalid(field('of'), 'an entity cannot hold itself');
  const holdings = [...ledger.holdings, holding];
  const dates = [...new Set([holding.on, ...ledger.holdings.map((h) => h.on).filter((on) => on > holding.on)])].sort();
  for (const date of dates) {
    const inForce = holdingsOn(holdings, date);
    for (const measure of ['capitalPercent', 'votingPercent'] as const) {
      const total = inForce.filter((h) => h.of === holding.of).reduce((sum, h) => sum + h[measure], 0);
      if (total > 100 + 1e-9) {
        const what = measure === 'capitalPercent' ? 'capital' : 'voting rights';
        const message = `the holders of ${holding.of} would hold ${Math.round(total * 10_000) / 10_000} % of its ${what} on ${date}, more than 100 %`;
        throw ruleBroken(message, { field: field(measure), errors: [{ field: field(measure), messages: [message] }] });
      }
    }
    const cycle = inForce.some((h) => h.holder === holding.holder && h.of === holding.of) ? cycleThrough(inForce, holding) : null;
    if (cycle) {
      throw ruleBroken(`ownership cycle on ${date}: ${cycle.join(' → ')}`, { field: field('of'), cycle, errors: [{ field: field('of'), messages: [`would close the ownership cycle ${cycle.join(' → ')}`] }] });
    }
  }
}

/** The cycle the holding closes, from its holder back to it, or null. */
function cycleThrough(holdings: readonly HoldingFact[], holding: HoldingFact): string[] | null {
  const seen = new Set<string>();
  const walk = (id: string, path: string[]): string[] | null => {
    if (id === holding.holder) return path;
    if (seen.has(id)) return null;
    seen.add(id);
    for (const h of holdings) if (h.holder === id) {
      const found = walk(h.of, [...path, h.of]);
      if (found) return found;
    }
    return null;
  };
  return walk(holding.of, [holding.holder, holding.of]);
}
