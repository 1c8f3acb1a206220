import { evaluate, type SovereigntyEvaluation, type SovereigntyRequirement } from './evaluate';
import { inForce, type Ledger } from './ledger';

/**
 * The statement of applicability's checks that the sovereignty evaluation
 * makes (decision 29): the status of these SecNumCloud requirements is the
 * evaluation's verdict on the business date asked, as the log knew it, never
 * a hand-entered result. Pure.
 */
export const COMPUTED_SOURCE = 'sovereignty_evaluation';

/** Catalog ref → the part of the evaluation that decides it. 19.2.b is data kept in the Union: data locations only. */
export const COMPUTED_REFS: Readonly<Record<string, SovereigntyRequirement>> = {
  '19.6.a': '19.6.a',
  '19.6.b': '19.6.b',
  '19.6.c': '19.6.c',
  '19.6.d': '19.6.d',
  '19.2.b': '19.2',
};

export interface ComputedCheck {
  source: typeof COMPUTED_SOURCE;
  /** The requirement of GET /sovereignty that decides it. */
  evaluation: SovereigntyRequirement;
  result: 'passed' | 'failed';
  validAt: string;
  /** Who or what breaches it, in words an evaluator can look up: entity ids, parties, seats, locations. Empty when met. */
  breachedBy: string[];
}

/** Frameworks whose refs these are. */
export const computesFramework = (framework: string): boolean => framework.startsWith('secnumcloud');

function breachedBy(e: SovereigntyEvaluation, requirement: SovereigntyRequirement): string[] {
  switch (requirement) {
    case '19.6.a': {
      const seats = e.requirements['19.6.a'].establishment;
      return (['registeredOffice', 'centralAdministration', 'mainEstablishment'] as const).filter((s) => !seats[s].eu).map((s) => `${s}: ${seats[s].country}`);
    }
    case '19.6.b':
      return [...new Set(e.requirements['19.6.b'].breaches.map((b) => (b.kind === 'individual' ? b.entityId : b.kind === 'collective' ? 'non-EU holders collectively' : b.holder)))];
    case '19.6.c':
    case '19.6.d':
      return [...new Set(e.requirements[requirement].breaches.map((b) => `${b.party} (${b.jurisdiction})`))];
    case '19.2':
      return e.locations.filter((l) => l.kind === 'data' && !l.eu).map((l) => `${l.name} (${l.country})`);
    default: {
      const unknown: never = requirement;
      return unknown;
    }
  }
}

/**
 * The computed checks on `validAt`, by catalog ref. 19.6.a–b are computed
 * once the provider exists on that date; 19.6.c–d once an access path is
 * recorded in force then, and 19.2.b once a data location is: with nothing in
 * the register the evaluation has nothing to judge, and the hand-entered
 * checks stand.
 */
export function computedChecks(ledger: Ledger | null, validAt: string): Map<string, ComputedCheck> {
  const checks = new Map<string, ComputedCheck>();
  const provider = ledger?.providerId ? ledger.entities[ledger.providerId] : null;
  if (!ledger || !provider || (provider.establishedOn !== null && provider.establishedOn > validAt)) return checks;
  const e = evaluate(ledger, validAt);
  if (!e) return checks;
  const access = Object.values(ledger.access).some((a) => inForce(a.from, a.to, validAt));
  const data = Object.values(ledger.locations).some((l) => l.kind === 'data' && inForce(l.from, l.to, validAt));
  for (const [ref, requirement] of Object.entries(COMPUTED_REFS)) {
    if ((requirement === '19.6.c' || requirement === '19.6.d') && !access) continue;
    if (requirement === '19.2' && !data) continue;
    const by = breachedBy(e, requirement);
    // 19.2.b: support outside the Union breaches the evaluation's 19.2 but not data location.
    const met = requirement === '19.2' ? by.length === 0 : e.requirements[requirement].verdict === 'compliant';
    checks.set(ref, { source: COMPUTED_SOURCE, evaluation: requirement, result: met ? 'passed' : 'failed', validAt, breachedBy: met ? [] : by });
  }
  return checks;
}

/**
 * A requirement row with its computed check: the status follows the
 * evaluation, always current on the date asked; the latest hand-entered check
 * stays beside it, for its evidence, but decides nothing. A requirement stated
 * not applicable keeps that statement.
 */
export function withComputedCheck<R extends { applicable: boolean | null; status: string; freshness?: string | null }>(row: R, check: ComputedCheck | undefined): R & { computedCheck: ComputedCheck | null } {
  if (!check || row.applicable === false) return { ...row, computedCheck: null };
  return { ...row, status: check.result, freshness: 'current', computedCheck: check };
}
