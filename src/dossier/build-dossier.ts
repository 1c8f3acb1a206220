import type { Framework } from '../controls/catalog';
import type { DocumentView } from '../read-side/document-view';
import { notFound } from '../shared/errors';
import { validityOn, type CertificationDoc } from '../../projections/certifications';
import { readinessByChapter, requirementRows } from '../../projections/readiness';
import type { RequirementStatusDoc } from '../../projections/requirement-status';
import type { AuditDoc } from '../../projections/audits';
import type { PersonDoc } from '../../projections/people';
import type { ChangeDoc } from '../../projections/changes';
import { historyPrefix, type RequirementHistoryEntry } from '../../projections/requirement-history';
import type { TimelineEntry } from '../../projections/timeline';
import { isOverdue, type FindingDoc } from '../../projections/findings';
import { obligationsOf } from '../../projections/obligations';
import type { DossierModel, DossierPersonName } from './dossier.model';
import type { ValidAt } from '../shared/valid-at';
import { freshnessOf } from '../../projections/freshness';
import { DEFAULT_REVIEW_INTERVAL_DAYS } from '../certifications/certifications.events';
import { SOVEREIGNTY_KEY, type SovereigntyDoc } from '../../projections/sovereignty/projection';
import { sovereigntySection } from './sovereignty-section';
import { computedChecks, computesFramework, withComputedCheck } from '../../projections/sovereignty/computed-checks';
import { changeRows, evidenceRows, incidentRows, incidentsOf, timelineRows, type DossierDocs } from './dossier-sections';
import { personOf, referencesOf, type References } from './references';
import { warningsOf } from './warnings';
import { unassessedOn } from './unassessed-on';
import { filesIn, type FilesOf } from './evidence-files';

/** A person's name and organisation from the people registry, or null when it holds none for that subject. */
export type PeopleNames = (subject: string) => DossierPersonName | null;

export interface DossierPoint {
  /** The position the dossier describes, and when the log recorded it: the dossier's "today". */
  asOf: { position: string; recordedAt: string };
  logHead: { position: string; events: number };
  /** The business date asked: the dossier's "today" instead of the recorded instant. */
  validAt?: ValidAt;
}

/** A change or milestone concerns a certification when it names it, or names none: then the whole provider. */
const concerns = (certificationIds: readonly string[] | undefined, certificationId: string) => certificationIds === undefined || certificationIds.includes(certificationId);

/** The read models one certification's dossier draws on, read once from a view. */
export function dossierDocs(view: DocumentView, certificationId: string, names: PeopleNames = () => null): DossierDocs {
  const certification = view.get<CertificationDoc>('certifications', certificationId);
  if (!certification) throw notFound(`certification ${certificationId} not found`);
  const mine = { where: { certificationId } };
  const all = <T>(projection: string, options = {}) => view.list<T>(projection, options).map((d) => d.doc);
  const audits = all<AuditDoc>('audits', mine);
  const erased = new Set(all<PersonDoc>('people', { where: { erased: true } }).map((p) => p.subject));
  const changes = all<ChangeDoc>('changes').filter((ch) => concerns(ch.certificationIds ?? undefined, certificationId));
  const people = new Map(
    [...new Set([...audits.map((a) => a.auditor), ...changes.flatMap((ch) => (ch.reviewedBy ? [ch.reviewedBy] : []))])].filter((s) => !erased.has(s)).flatMap((s) => {
      const name = names(s);
      return name ? [[s, name] as const] : [];
    }),
  );
  return {
    certification,
    requirements: all<RequirementStatusDoc>('requirement-status', { keyPrefix: `${certificationId}:` }),
    audits,
    findings: all<FindingDoc>('findings', mine),
    incidents: incidentsOf(all('incidents'), certificationId),
    changes,
    timeline: all<TimelineEntry>('timeline').filter((e) => e.source !== 'milestone' || concerns(e.certificationIds, certificationId)),
    evidence: all('evidence'),
    erased,
    people,
    sovereignty: view.get<SovereigntyDoc>('sovereignty', SOVEREIGNTY_KEY),
    history: (ref) => view.list<RequirementHistoryEntry>('requirement-history', { keyPrefix: historyPrefix(certificationId, ref) }).map((d) => d.doc),
  };
}

/**
 * The dossier as data, from the read models as of one position. Pure: every
 * date comes from the documents or from the point's recorded instant, so the
 * same position always gives the same dossier.
 */
export function buildDossier(docs: DossierDocs, framework: Framework, point: DossierPoint, streams: DossierModel['integrity']['streams']): DossierModel {
  const { certification: c } = docs;
  const moment = point.validAt?.instant ?? point.asOf.recordedAt;
  const today = moment.slice(0, 10);
  // Only results still current on the dossier's day count as met in the readiness.
  const validUntil = new Map(docs.evidence.map((e) => [e.sha256, e.validUntil]));
  // 19.6.a–d and 19.2.b follow the sovereignty evaluation on the dossier's day (decision 29).
  const computed = computesFramework(framework.id) ? computedChecks(docs.sovereignty ?? null, today) : new Map();
  const files = filesIn(docs.evidence, today);
  const rows = requirementRows(framework, c.id, docs.requirements).map((r) => withComputedCheck({
    ...r,
    freshness: freshnessOf(r, r.reviewIntervalDays ?? c.reviewIntervalDays ?? DEFAULT_REVIEW_INTERVAL_DAYS, (sha256) => validUntil.get(sha256), { instant: moment, day: today }),
  }, computed.get(r.ref)));
  const applicability = rows.map((r) => ({
    ref: r.ref, chapter: r.chapter, section: r.section, summary: r.summary, applicable: r.applicable, justification: r.justification,
    status: r.applicable === false ? ('not_applicable' as const) : r.status,
    latestCheck: r.latestCheck && { result: r.latestCheck.result, method: r.latestCheck.method, performedAt: r.latestCheck.performedAt },
    freshness: r.freshness,
    evidence: r.evidence,
    computed: r.computedCheck && { result: r.computedCheck.result, validAt: r.computedCheck.validAt, breachedBy: r.computedCheck.breachedBy },
    evidenceFiles: files(r.latestCheck?.evidence ?? []),
  }));
  const applicable = applicability.filter((r) => r.applicable !== false);
  const count = (status: string) => applicable.filter((r) => r.status === status).length;
  // A pass counts as met only while current, as in the readiness by chapter.
  const stale = applicable.filter((r) => r.status === 'passed' && r.freshness !== 'current').length;
  const refs = referencesOf(c, docs.audits, docs.findings, docs.incidents);
  const incidents = incidentRows(docs.incidents, moment, refs, files);
  const changes = changeRows(docs.changes, docs.erased, docs.people);
  const evidence = evidenceRows(docs, applicability);
  const obligations = obligationsOf({ certifications: [c], findings: docs.findings, incidents: docs.incidents }, new Date(moment));
  const { valid, daysToExpiry } = validityOn(c, today);
  const audits = auditSection(docs, today, refs, files);
  const sovereignty = sovereigntySection(docs.sovereignty ?? null, today);
  const warnings = warningsOf({
    today, certification: c, rows: applicability.map((r, i) => ({ ...r, latestCheck: rows[i].latestCheck, freshness: rows[i].freshness })), findings: docs.findings,
    evidence: docs.evidence, incidents, passiByYear: audits.passiByYear, sovereignty, refs,
    unassessedOn: unassessedOn(applicability.map((r) => r.ref), docs.requirements, docs.history),
  });
  return {
    cover: {
      certificationId: c.id, label: c.label, service: c.service, evaluator: c.evaluator,
      framework: { id: framework.id, name: framework.name, version: framework.version, publisher: framework.publisher, catalogVersion: framework.catalogVersion },
      asOf: point.asOf,
      logHead: point.logHead,
      ...(point.validAt === undefined ? {} : { validAt: point.validAt.echo }),
    },
    summary: {
      status: c.status,
      steps: c.steps.map(({ step, on }) => ({ step, on })),
      grantedOn: c.grantedOn,
      validUntil: c.validUntil,
      valid,
      daysToExpiry,
      readiness: readinessByChapter(framework, rows),
      counts: {
        requirements: applicability.length, applicable: applicable.length, passed: count('passed') - stale, stale, partial: count('partial'), failed: count('failed'),
        notAssessed: count('not_assessed'), openFindings: docs.findings.filter((f) => f.status !== 'closed').length,
        overdueFindings: docs.findings.filter((f) => isOverdue(f, today)).length, incidents: incidents.length,
        openIncidents: incidents.filter((i) => i.status !== 'resolved').length, changes: changes.length,
        emergencyDeployments: changes.flatMap((ch) => ch.deployments).filter((d) => d.emergency).length, evidence: evidence.length,
      },
      overdueObligations: obligations.filter((o) => o.status === 'overdue').map(refs.obligation),
    },
    warnings,
    applicability,
    audits,
    incidents,
    changes,
    timeline: timelineRows(docs, c.id),
    evidence,
    sovereignty,
    integrity: { streams },
  };
}

function auditSection(docs: DossierDocs, today: string, refs: References, files: FilesOf): DossierModel['audits'] {
  const byStart = [...docs.audits].sort((a, b) => a.plannedStart.localeCompare(b.plannedStart) || a.auditId.localeCompare(b.auditId));
  const started = [docs.certification.filedAt, ...docs.certification.steps.map((s) => s.on)].sort()[0];
  const firstYear = Number(started.slice(0, 4));
  const lastYear = Number(today.slice(0, 4));
  // A PASSI audit "took place" in a year when it started in that year.
  const passiYears = new Set(docs.audits.filter((a) => a.kind === 'passi' && a.startedOn).map((a) => Number(a.startedOn!.slice(0, 4))));
  return {
    programme: byStart.map((a) => {
      const auditor = personOf(a.auditor, docs.erased, docs.people);
      return {
      auditId: a.auditId, reference: refs.audit(a.auditId)!, kind: a.kind, auditor: a.auditor, auditorErased: auditor.erased,
      auditorName: auditor.name, auditorOrganisation: auditor.organisation, plannedStart: a.plannedStart, plannedEnd: a.plannedEnd, startedOn: a.startedOn,
      completedOn: a.completedOn, verdict: a.verdict, findings: a.findings,
      };
    }),
    passiByYear: Array.from({ length: Math.max(0, lastYear - firstYear + 1) }, (_, i) => ({ year: firstYear + i, held: passiYears.has(firstYear + i) })),
    findings: [...docs.findings]
      .sort((a, b) => a.raisedOn.localeCompare(b.raisedOn) || a.findingId.localeCompare(b.findingId))
      .map((f) => ({
        findingId: f.findingId, auditId: f.auditId, reference: refs.finding(f.findingId)!, severity: f.severity, requirement: f.requirement, title: f.title, dueOn: f.dueOn,
        status: f.status, overdue: isOverdue(f, today), resolution: f.resolution, raisedOn: f.raisedOn, closedOn: f.closedOn, justification: f.justification,
        remediations: f.remediations.map((r) => ({ on: r.on, action: r.action, evidence: files(r.evidence) })),
      })),
  };
}
