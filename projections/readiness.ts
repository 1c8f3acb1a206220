import type { Framework, Localised, RequirementEntry } from '../src/controls/catalog';
import { requirementsOf } from '../src/controls/catalog';
import { emptyStatus, type RequirementStatusDoc } from './requirement-status';
import type { Freshness } from './freshness';
import type { ComputedCheck } from './sovereignty/computed-checks';

export interface RequirementRow extends RequirementStatusDoc {
  section: string;
  summary: Localised;
  /** Whether the latest result still holds on the date asked; absent where not computed. */
  freshness?: Freshness | null;
  /** The check the sovereignty evaluation makes on the date asked (decision 29); null where none does. */
  computedCheck?: ComputedCheck | null;
}

/** One requirement with its status for one certification (not assessed when nothing was recorded). */
export function requirementRow(frameworkId: string, certificationId: string, requirement: RequirementEntry, doc: RequirementStatusDoc | null | undefined): RequirementRow {
  return { ...(doc ?? emptyStatus(certificationId, frameworkId, requirement.ref)), section: requirement.section, summary: requirement.summary };
}

/** Every requirement of the framework, with its status for one certification. */
export function requirementRows(framework: Framework, certificationId: string, docs: readonly RequirementStatusDoc[]): RequirementRow[] {
  const byRef = new Map(docs.map((doc) => [doc.ref, doc]));
  return requirementsOf(framework).map((r) => requirementRow(framework.id, certificationId, r, byRef.get(r.ref)));
}

export interface ChapterReadiness {
  chapter: string;
  title: Localised;
  requirements: number;
  applicable: number;
  passed: number;
  partial: number;
  failed: number;
  notAssessed: number;
  /** Passed, but no longer current (evidence expired or review due): not counted as met. */
  stale: number;
  /** Share of applicable requirements with at least one check. */
  coverage: number;
  /** Share of applicable requirements whose latest check passed and is still current. */
  readiness: number;
}

const ratio = (part: number, whole: number) => (whole === 0 ? 1 : Math.round((part / whole) * 1000) / 1000);

/** Readiness by chapter: what the summary page and the bar chart show. */
export function readinessByChapter(framework: Framework, rows: readonly Pick<RequirementRow, 'chapter' | 'applicable' | 'status' | 'freshness'>[]): ChapterReadiness[] {
  return framework.chapters.map((chapter) => {
    const own = rows.filter((row) => row.chapter === chapter.id);
    const applicable = own.filter((row) => row.applicable !== false);
    const count = (status: RequirementRow['status']) => applicable.filter((row) => row.status === status).length;
    const notAssessed = count('not_assessed');
    const stale = applicable.filter((row) => row.status === 'passed' && row.freshness !== undefined && row.freshness !== 'current').length;
    const met = count('passed') - stale;
    return {
      chapter: chapter.id,
      title: chapter.title,
      requirements: own.length,
      applicable: applicable.length,
      passed: met,
      partial: count('partial'),
      failed: count('failed'),
      notAssessed,
      stale,
      coverage: ratio(applicable.length - notAssessed, applicable.length),
      readiness: ratio(met, applicable.length),
    };
  });
}
