import type { ControlEvent } from '../src/controls/controls.events';
import { sourceOf, type Projection, type Source } from './projection';

export type CheckResult = 'passed' | 'failed' | 'partial' | 'not_applicable';

export interface CheckSummary {
  checkId: string;
  result: CheckResult;
  method: string;
  performedAt: string;
  evidence: string[];
  notes: string | null;
  recorded: Source;
}

export interface RequirementStatusDoc {
  certificationId: string;
  framework: string;
  ref: string;
  chapter: string;
  /** null until a statement of applicability was made: applicable by default. */
  applicable: boolean | null;
  justification: string | null;
  latestCheck: CheckSummary | null;
  /** The latest check's result, or `not_assessed`: what staff filter on. */
  status: CheckResult | 'not_assessed';
  checks: number;
  evidence: string[];
  /** The statement's review interval in days; null: the certification's. */
  reviewIntervalDays: number | null;
  /** The business day the latest statement holds from; null before any statement. */
  statedOn: string | null;
  /** Checks whose date was corrected: the latest check is then worked out again from the history. */
  corrections: number;
}

/**
 * Requirement status per certification: applicability, latest check,
 * evidence. Its history is a read model of its own (requirement-history), so
 * this document stays the same size however many checks pile up.
 */
export const requirementStatusProjection: Projection<RequirementStatusDoc, ControlEvent> = {
  name: 'requirement-status',
  // 4: statements keep their business day.
  version: 4,
  handles: ['ApplicabilityStated', 'ControlCheckRecorded', 'ControlCheckCorrected'],
  keys: (event) => [`${event.data.certificationId}:${event.data.ref}`],
  evolve(doc, event) {
    const current = doc ?? emptyStatus(event.data.certificationId, event.data.framework, event.data.ref);
    if (event.type === 'ApplicabilityStated') {
      const d = event.data;
      return { ...current, applicable: d.applicable, justification: d.justification, reviewIntervalDays: d.reviewIntervalDays ?? null, statedOn: statedOn(d.on, event.metadata.recordedAt) };
    }
    if (event.type === 'ControlCheckCorrected') {
      const d = event.data;
      const latestCheck = current.latestCheck?.checkId === d.checkId ? { ...current.latestCheck, performedAt: d.to } : current.latestCheck;
      return { ...current, latestCheck, corrections: (current.corrections ?? 0) + 1 };
    }
    const d = event.data;
    const check: CheckSummary = {
      checkId: d.checkId, result: d.result, method: d.method, performedAt: d.performedAt, evidence: d.evidence ?? [], notes: d.notes ?? null,
      recorded: sourceOf(event),
    };
    // The latest check is the one performed last, whatever the order it was recorded in.
    const latest = !current.latestCheck || check.performedAt >= current.latestCheck.performedAt ? check : current.latestCheck;
    return {
      ...current,
      latestCheck: latest,
      status: latest.result,
      checks: current.checks + 1,
      evidence: withNew(current.evidence, check.evidence),
    };
  },
};

/**
 * `known` followed by the items of `cited` it lacks, each once: `known` itself
 * (shared, never changed) when nothing is new, as for most checks. The list
 * grows with every check, so it is not copied for each.
 */
function withNew(known: string[], cited: string[]): string[] {
  const added = cited.filter((item, i) => !known.includes(item) && cited.indexOf(item) === i);
  return added.length === 0 ? known : [...known, ...added];
}

export const emptyStatus = (certificationId: string, framework: string, ref: string): RequirementStatusDoc => ({
  certificationId, framework, ref, chapter: ref.split('.')[0], applicable: null, justification: null, latestCheck: null,
  status: 'not_assessed', checks: 0, evidence: [], reviewIntervalDays: null, statedOn: null, corrections: 0,
});

/** A statement's business day: its own, or the day it was recorded for statements made before they had one. */
export const statedOn = (on: string | undefined, recordedAt: string): string => on ?? recordedAt.slice(0, 10);
