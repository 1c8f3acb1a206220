import { statusAt } from '../../projections/freshness';
import type { RequirementHistoryEntry } from '../../projections/requirement-history';
import type { RequirementStatusDoc } from '../../projections/requirement-status';

/** A requirement's statements and checks, in log order. */
export type RequirementHistory = (ref: string) => readonly RequirementHistoryEntry[];

/**
 * How many of the framework's requirements applicable on `day` had no check
 * performed by its end: what a grant or renewal on that day rested on. A
 * requirement's history is read only when its latest check or statement came
 * after that day (statusAt), once per requirement however many days are asked.
 */
export function unassessedOn(refs: readonly string[], requirements: readonly RequirementStatusDoc[], history: RequirementHistory = () => []) {
  const byRef = new Map(requirements.map((doc) => [doc.ref, doc]));
  const read = new Map<string, readonly RequirementHistoryEntry[]>();
  const entries = (ref: string) => () => read.get(ref) ?? read.set(ref, history(ref)).get(ref)!;
  return (day: string): { count: number; applicable: number } => {
    const at = { instant: `${day}T23:59:59.999Z`, day };
    let applicable = 0;
    let count = 0;
    for (const ref of refs) {
      const doc = byRef.get(ref);
      const then = doc ? statusAt(doc, at, entries(ref)) : null;
      if (then?.applicable === false) continue;
      applicable += 1;
      if (!then || then.status === 'not_assessed') count += 1;
    }
    return { count, applicable };
  };
}
