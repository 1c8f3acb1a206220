import type { RecordedEvent } from '../src/event-store/event-store';
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
  history: (Source & { type: string; summary: string })[];
}

/** Requirement status per certification: applicability, latest check, evidence, history. */
export const requirementStatusProjection: Projection<RequirementStatusDoc> = {
  name: 'requirement-status',
  version: 1,
  handles: ['ApplicabilityStated', 'ControlCheckRecorded'],
  keys: (event) => [`${event.data.certificationId}:${event.data.ref}`],
  evolve(doc, event) {
    const d = event.data as Record<string, never>;
    const current = doc ?? emptyStatus(d.certificationId, d.framework, d.ref);
    if (event.type === 'ApplicabilityStated') {
      const summary = `${d.applicable ? 'applicable' : 'not applicable'}: ${d.justification}`;
      return { ...current, applicable: d.applicable, justification: d.justification, history: [...current.history, entryOf(event, summary)] };
    }
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
      evidence: [...new Set([...current.evidence, ...check.evidence])],
      history: [...current.history, entryOf(event, `${check.result} (${check.method}) at ${check.performedAt}`)],
    };
  },
};

const entryOf = (event: RecordedEvent, summary: string) => ({ ...sourceOf(event), type: event.type, summary });

export const emptyStatus = (certificationId: string, framework: string, ref: string): RequirementStatusDoc => ({
  certificationId, framework, ref, chapter: ref.split('.')[0], applicable: null, justification: null, latestCheck: null,
  status: 'not_assessed', checks: 0, evidence: [], history: [],
});
