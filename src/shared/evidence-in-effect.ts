import { ruleBroken } from './errors';

/** What a citing fact needs to know of a stored evidence file: when it took effect. */
export interface CitedEvidence {
  sha256: string;
  effectiveOn: string | null;
}

/**
 * A fact can only rely on evidence that existed on its own date: a check of
 * January 2022 cannot rest on a policy that took effect in December 2022.
 * Evidence without `effectiveOn` is taken to have existed all along. `on` is a
 * calendar date or an instant; only its date counts, so a document effective
 * on the day of the fact is accepted. `field` is the request field the problem
 * names; `subject` what cites the evidence, when that is not the field itself
 * (a correction moves the date of a check that cites it).
 */
export function requireInEffect(cited: readonly CitedEvidence[], on: string, field: string, subject: string = field): void {
  const day = on.length > 10 ? new Date(on).toISOString().slice(0, 10) : on;
  const late = cited.filter((e) => e.effectiveOn !== null && e.effectiveOn > day);
  if (late.length === 0) return;
  const named = late.map((e) => `${e.sha256} (effective on ${e.effectiveOn})`).join(', ');
  throw ruleBroken(`${subject} cites evidence that was not yet in effect on ${day}: ${named}`, { field, evidence: late.map((e) => e.sha256) });
}
