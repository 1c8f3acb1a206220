/**
 * Requirements on a business date: the latest check performed by then (its
 * date as corrected), and whether that result is still fresh: `current`,
 * `evidence_expired` when a file the check relied on is past its validUntil,
 * `review_due` once the check is a review interval old; null when there is
 * nothing to be fresh (not assessed, or not applicable).
 */
import type { BusinessPoint } from './business-time';
import { daysBetween } from './business-time';
import type { CheckSummary, RequirementStatusDoc } from './requirement-status';
import type { RequirementHistoryEntry } from './requirement-history';

export type Freshness = 'current' | 'evidence_expired' | 'review_due';
export const FRESHNESS = ['current', 'evidence_expired', 'review_due'] as const;

/**
 * The status document can answer alone when no check date was corrected, its
 * latest check had been performed by `at` and its latest statement held by then.
 */
export const statusAnswersAt = (doc: RequirementStatusDoc, at: BusinessPoint): boolean =>
  !(doc.corrections > 0) && (doc.latestCheck === null || doc.latestCheck.performedAt <= at.instant) && (doc.statedOn == null || doc.statedOn <= at.day);

/** The statement of applicability that held on `at.day`, from the requirement's history: the latest recorded among those dated by then. */
function statementOn(entries: readonly RequirementHistoryEntry[], at: BusinessPoint) {
  const held = entries.filter((e) => e.statement !== undefined && e.statement.on <= at.day);
  const statement = held.length === 0 ? null : held[held.length - 1].statement!;
  return {
    applicable: statement?.applicable ?? null,
    justification: statement?.justification ?? null,
    reviewIntervalDays: statement?.reviewIntervalDays ?? null,
    statedOn: statement?.on ?? null,
  };
}

/** Every check of a requirement with its date as corrected, from its history entries. */
export function checksOf(entries: readonly RequirementHistoryEntry[]): (CheckSummary & { correctedFrom: string | null })[] {
  const checks = new Map<string, CheckSummary & { correctedFrom: string | null }>();
  for (const entry of entries) {
    const source = { position: entry.position, eventId: entry.eventId, recordedAt: entry.recordedAt, actor: entry.actor };
    if (entry.check) {
      const { checkId, result, method, performedAt, evidence } = entry.check;
      checks.set(checkId, { checkId, result: result as CheckSummary['result'], method, performedAt, evidence, notes: null, recorded: source, correctedFrom: null });
    } else if (entry.correction) {
      const check = checks.get(entry.correction.checkId);
      if (check) checks.set(check.checkId, { ...check, performedAt: entry.correction.to, correctedFrom: check.correctedFrom ?? entry.correction.from });
    }
  }
  return [...checks.values()];
}

/** The status document as it stood at `at`, its latest check chosen among `entries` (the requirement's history) when the document cannot tell. */
export function statusAt(doc: RequirementStatusDoc, at: BusinessPoint, entries: () => readonly RequirementHistoryEntry[]): RequirementStatusDoc {
  if (statusAnswersAt(doc, at)) return doc;
  const history = entries();
  const performed = checksOf(history).filter((c) => c.performedAt <= at.instant);
  const latest = performed.reduce<CheckSummary | null>((best, c) => (best === null || c.performedAt >= best.performedAt ? c : best), null);
  // The document's own latest check keeps its notes; one picked from the history has none to show.
  const latestCheck = latest && doc.latestCheck?.checkId === latest.checkId ? { ...doc.latestCheck, performedAt: latest.performedAt } : latest;
  return { ...doc, ...statementOn(history, at), latestCheck, status: latestCheck?.result ?? 'not_assessed', checks: performed.length };
}

/** Freshness of a requirement's latest result on `at.day`; `validUntilOf` answers an evidence file's validUntil. */
export function freshnessOf(
  row: Pick<RequirementStatusDoc, 'applicable' | 'latestCheck'>,
  reviewIntervalDays: number,
  validUntilOf: (sha256: string) => string | null | undefined,
  at: BusinessPoint,
): Freshness | null {
  const check = row.latestCheck;
  if (row.applicable === false || check === null || check.result === 'not_applicable') return null;
  if (check.evidence.some((sha256) => { const until = validUntilOf(sha256); return until !== null && until !== undefined && until < at.day; })) return 'evidence_expired';
  if (daysBetween(check.performedAt, at.day) >= reviewIntervalDays) return 'review_due';
  return 'current';
}

/** The day the latest check falls due for review. */
export function reviewDueOn(check: Pick<CheckSummary, 'performedAt'>, reviewIntervalDays: number): string {
  return new Date(Date.parse(check.performedAt.slice(0, 10)) + reviewIntervalDays * 86_400_000).toISOString().slice(0, 10);
}
