import { REQUIREMENTS, type SovereigntyEvaluation } from '../../projections/sovereignty/evaluate';
import { applyFact, type AccessFact, type ControlRightFact, type HoldingFact, type Ledger, type LocationFact } from '../../projections/sovereignty/ledger';
import { invalid } from '../shared/errors';
import { checkControlRight, checkHolding, checkStay } from './holding-rules';
import type { SimulateDto } from './simulate.commands';

/** The facts a planned operation would record, in the shape of recorded ones; planned ids read `planned-…`. */
export interface Plan {
  holdings: HoldingFact[];
  controlRights: ControlRightFact[];
  access: AccessFact[];
  locations: LocationFact[];
}

export function planOf(body: SimulateDto): Plan {
  const plan: Plan = {
    holdings: (body.changes ?? []).map(({ holder, of, capitalPercent, votingPercent, on }) => ({ holder, of, capitalPercent, votingPercent, on })),
    controlRights: (body.controlRights ?? []).map(({ holder, of, kind, on, endsOn, source }, i) => ({
      controlRightId: `planned-right-${i + 1}`, holder, of, kind, on, endsOn: endsOn ?? null, source: source ?? null,
    })),
    access: (body.access ?? []).map(({ party, jurisdiction, path, reachesData, operates, qualified, blockingMeasures, from, to }, i) => ({
      accessId: `planned-access-${i + 1}`, party, jurisdiction, path, reachesData, operates, qualified, blockingMeasures: blockingMeasures ?? [], from, to: to ?? null,
    })),
    locations: (body.locations ?? []).map(({ kind, name, country, from, to }, i) => ({ locationId: `planned-location-${i + 1}`, kind, name, country, from, to: to ?? null })),
  };
  if (Object.values(plan).every((facts) => facts.length === 0)) throw invalid('changes', 'a plan names at least one fact: changes (holdings), controlRights, access or locations');
  return plan;
}

/** The latest date the plan's facts take effect on: what is evaluated when no date is asked. */
export const lastDateOf = (plan: Plan): string =>
  [...plan.holdings.map((h) => h.on), ...plan.controlRights.map((r) => r.on), ...plan.access.map((a) => a.from), ...plan.locations.map((l) => l.from)].sort().at(-1)!;

/**
 * The ledger with the plan applied under the rules of recorded facts (future
 * dates allowed), each fact checked against the structure as planned so far.
 * Pure: nothing is recorded.
 */
export function applyPlan(ledger: Ledger, plan: Plan): Ledger {
  let planned = ledger;
  plan.holdings.forEach((data, i) => {
    checkHolding(planned, data, `changes.${i}.`);
    planned = applyFact(planned, { type: 'HoldingRecorded', data });
  });
  plan.controlRights.forEach((data, i) => {
    checkControlRight(planned, data, `controlRights.${i}.`);
    planned = applyFact(planned, { type: 'ControlRightGranted', data });
  });
  plan.access.forEach((data, i) => {
    checkStay(data, `access.${i}.`);
    planned = applyFact(planned, { type: 'AccessPathRecorded', data });
  });
  plan.locations.forEach((data, i) => {
    checkStay(data, `locations.${i}.`);
    planned = applyFact(planned, { type: 'LocationRecorded', data });
  });
  return planned;
}

type Breaches = SovereigntyEvaluation['requirements']['19.6.b']['breaches'] | SovereigntyEvaluation['requirements']['19.6.c']['breaches'] | SovereigntyEvaluation['requirements']['19.2']['breaches'];
const breachesOf = (e: SovereigntyEvaluation, r: (typeof REQUIREMENTS)[number]): Breaches => ('breaches' in e.requirements[r] ? (e.requirements[r] as { breaches: Breaches }).breaches : []);

/**
 * What the plan would do to each requirement: `breaks`, compliant before and
 * breached after, with every breach (its excess in points for a threshold);
 * `worsens`, already breached and breached further, with the breaches it adds
 * (a threshold exceeded by more counts as a new breach).
 */
export function effectOf(before: SovereigntyEvaluation, after: SovereigntyEvaluation) {
  const breaks = REQUIREMENTS.filter((r) => after.requirements[r].verdict === 'breached' && before.requirements[r].verdict === 'compliant').map((requirement) => ({
    requirement,
    breaches: breachesOf(after, requirement),
  }));
  const worsens = REQUIREMENTS.filter((r) => before.requirements[r].verdict === 'breached' && after.requirements[r].verdict === 'breached')
    .map((requirement) => {
      const known = new Set((breachesOf(before, requirement) as object[]).map((b) => JSON.stringify(b)));
      return { requirement, breaches: (breachesOf(after, requirement) as object[]).filter((b) => !known.has(JSON.stringify(b))) };
    })
    .filter((w) => w.breaches.length > 0);
  return { breaks, worsens };
}
