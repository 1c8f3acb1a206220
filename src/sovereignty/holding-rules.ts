import { holdingsOn, type HoldingFact, type Ledger } from '../../projections/sovereignty/ledger';
import { invalid, ruleBroken } from '../shared/errors';
import { notBefore } from '../shared/rules';

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
