import type { RequirementEntry } from '../controls/catalog';
import { DEFAULT_REVIEW_INTERVAL_DAYS } from '../certifications/certifications.events';
import type { DocumentView } from '../read-side/document-view';
import type { BusinessPoint } from '../../projections/business-time';
import type { CertificationDoc } from '../../projections/certifications';
import type { EvidenceDoc } from '../../projections/evidence';
import { freshnessOf, statusAt } from '../../projections/freshness';
import { requirementRow, type RequirementRow } from '../../projections/readiness';
import { historyPrefix, type RequirementHistoryEntry } from '../../projections/requirement-history';
import type { RequirementStatusDoc } from '../../projections/requirement-status';
import { computedChecks, computesFramework, withComputedCheck, type ComputedCheck } from '../../projections/sovereignty/computed-checks';
import { SOVEREIGNTY_KEY, type SovereigntyDoc } from '../../projections/sovereignty/projection';

/**
 * Requirement rows of one certification on a business date, read from the
 * read models: the status documents, the history of a requirement only when
 * its document cannot tell (a past date, a corrected check), and the evidence
 * index for validity. No replay.
 */
export class RequirementsAt {
  private readonly validUntil = new Map<string, string | null>();
  private computed: Map<string, ComputedCheck> | null = null;

  constructor(private readonly view: DocumentView, private readonly certification: CertificationDoc, private readonly at: BusinessPoint) {}

  row(requirement: RequirementEntry, doc: RequirementStatusDoc | null): RequirementRow {
    const { id, framework } = this.certification;
    const history = () => this.view.list<RequirementHistoryEntry>('requirement-history', { keyPrefix: historyPrefix(id, requirement.ref) }).map((d) => d.doc);
    const status = doc === null ? null : statusAt(doc, this.at, history);
    const row = requirementRow(framework, id, requirement, status);
    const fresh = { ...row, freshness: freshnessOf(row, this.intervalOf(row), (sha256) => this.validUntilOf(sha256), this.at) };
    return withComputedCheck(fresh, this.computedChecks().get(requirement.ref));
  }

  /** The checks the sovereignty evaluation makes on the same date from the same view, evaluated once (decision 29). */
  private computedChecks(): Map<string, ComputedCheck> {
    if (this.computed === null) {
      const sovereignty = computesFramework(this.certification.framework) ? this.view.get<SovereigntyDoc>('sovereignty', SOVEREIGNTY_KEY) : null;
      this.computed = computedChecks(sovereignty, this.at.day);
    }
    return this.computed;
  }

  /** The review interval of a requirement: its statement's, else the certification's. */
  intervalOf(row: Pick<RequirementRow, 'reviewIntervalDays'>): number {
    return row.reviewIntervalDays ?? this.certification.reviewIntervalDays ?? DEFAULT_REVIEW_INTERVAL_DAYS;
  }

  /** Every requirement of `requirements`, each with its status document looked up. */
  rows(requirements: readonly RequirementEntry[]): RequirementRow[] {
    const docs = new Map(
      this.view.list<RequirementStatusDoc>('requirement-status', { keyPrefix: `${this.certification.id}:` }).map(({ doc }) => [doc.ref, doc]),
    );
    return requirements.map((r) => this.row(r, docs.get(r.ref) ?? null));
  }

  /** One requirement, reading only its own document. */
  one(requirement: RequirementEntry): RequirementRow {
    return this.row(requirement, this.view.get<RequirementStatusDoc>('requirement-status', `${this.certification.id}:${requirement.ref}`));
  }

  validUntilOf(sha256: string): string | null {
    if (!this.validUntil.has(sha256)) this.validUntil.set(sha256, this.view.get<EvidenceDoc>('evidence', sha256)?.validUntil ?? null);
    return this.validUntil.get(sha256) ?? null;
  }
}
