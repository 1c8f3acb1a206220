import { dossierSovereignty } from '../sovereignty/sovereignty.schemas';
import { array, boolean, component, date, instant, integer, Localised, nullable, number, object, oneOf, position, sha256, text } from '../openapi/schema';
import { FRESHNESS } from '../../projections/freshness';

const count = integer({ minimum: 0 });
const auditReference = object({
  kind: oneOf(['internal', 'passi', 'evaluation', 'surveillance']),
  year: integer(),
  n: nullable(integer({ minimum: 1, description: 'Among audits of the same kind started the same year; null when alone' })),
}, [], 'How people name an audit: its kind and year');
const findingReference = object({ audit: auditReference, number: integer({ minimum: 1, description: 'In the order the audit raised its findings' }) });
const about = {
  description: 'What the obligation concerns, as a reader names it',
  oneOf: [
    object({ kind: oneOf(['incident']), title: text(), detectedAt: instant }),
    object({ kind: oneOf(['finding']), reference: findingReference, title: text() }),
    object({ kind: oneOf(['certification']), label: text() }),
    object({ kind: oneOf(['other']) }),
  ],
};
const file = object({ name: nullable(text('null: the log cites a hash the evidence store does not hold')), sha256, validUntil: nullable(date), expired: boolean('Past its validity on the dossier\'s date') });
const kind = (name: string) => oneOf([name]);
const refs = array(text(), 'Requirement references');
const warning = {
  description: 'One point that weakens the file on the dossier\'s date; `on` is the date it is about, null for a count',
  oneOf: [
    object({ kind: kind('granted_while_weak'), on: date, step: oneOf(['granted', 'renewed']), finding: findingReference, title: text(), overdue: boolean() }),
    object({ kind: kind('granted_unassessed'), on: date, step: oneOf(['granted', 'renewed']), count: { ...count, description: 'Applicable requirements without a check on that date' }, applicable: count }),
    object({ kind: kind('open_major_finding'), on: date, finding: findingReference, title: text(), requirement: text(), overdue: boolean() }),
    object({ kind: kind('requirements_not_assessed'), on: nullable({ ...date, description: 'Always null: a count has no date' }), count, applicable: count, refs }),
    object({ kind: kind('requirements_not_current'), on: nullable({ ...date, description: 'Always null: a count has no date' }), count, refs }),
    object({ kind: kind('expired_evidence'), on: date, name: text(), sha256, refs }),
    object({ kind: kind('late_notification'), on: instant, obligation: text(), status: oneOf(['missed', 'overdue']), incident: text(), metAt: nullable(instant) }),
    object({ kind: kind('passi_year_missing'), on: nullable({ ...date, description: 'Always null: a count has no date' }), year: integer() }),
    object({ kind: kind('sovereignty_breached'), on: text('The date the protection was evaluated on'), requirement: text() }),
  ],
};
const obligation = object({ obligation: text(), subject: text(), about, dueAt: text('An instant or a calendar date'), metAt: nullable(text()), status: oneOf(['met', 'missed', 'pending', 'overdue', 'waived']) });

const readiness = object({
  chapter: text(),
  title: Localised,
  requirements: count,
  applicable: count,
  passed: count,
  stale: { ...count, description: 'Passed, but no longer current on the dossier\'s date: not counted as passed' },
  partial: count,
  failed: count,
  notAssessed: count,
  coverage: number({ minimum: 0, maximum: 1 }),
  readiness: number({ minimum: 0, maximum: 1 }),
});

const counts = Object.fromEntries(
  ['requirements', 'applicable', 'passed', 'stale', 'partial', 'failed', 'notAssessed', 'openFindings', 'overdueFindings', 'incidents', 'openIncidents', 'changes', 'emergencyDeployments', 'evidence'].map((name) => [name, count]),
);

/** The dossier as data: everything the PDF shows, as of one log position. */
export const Dossier = component(
  'Dossier',
  object({
    cover: object({
      certificationId: text(),
      label: text(),
      service: text(),
      evaluator: nullable(text()),
      framework: object({ id: text(), name: text(), version: text(), publisher: text(), catalogVersion: integer({ minimum: 1 }) }),
      asOf: object({ position, recordedAt: instant }),
      logHead: object({ position, events: count }),
      validAt: text('The business date the dossier shows the state on, when one was asked'),
    }, ['validAt']),
    summary: object({
      status: oneOf(['applied', 'granted', 'suspended', 'withdrawn']),
      steps: array(object({ step: text(), on: date })),
      grantedOn: nullable(date),
      validUntil: nullable(date),
      valid: boolean(),
      daysToExpiry: nullable(integer()),
      readiness: array(readiness),
      counts: object(counts),
      overdueObligations: array(obligation),
    }),
    warnings: array(warning, 'What weakens the file on the dossier\'s date (the "points of attention"), empty when nothing does'),
    applicability: array(
      object({
        ref: text(),
        chapter: text(),
        section: text(),
        summary: Localised,
        applicable: nullable(boolean('null: no statement was made, the requirement applies by default')),
        justification: nullable(text()),
        status: oneOf(['passed', 'failed', 'partial', 'not_applicable', 'not_assessed']),
        latestCheck: nullable(object({ result: text(), method: text(), performedAt: instant })),
        freshness: { type: 'string', enum: [...FRESHNESS, null], nullable: true, description: 'Whether the latest result still holds on the dossier\'s date; null when not assessed or not applicable' },
        evidence: array(sha256),
        computed: nullable(object({ result: oneOf(['passed', 'failed']), validAt: date, breachedBy: array(text()) }, [], 'Computed from the sovereignty evaluation; it decides status')),
        evidenceFiles: array(file, 'The files the latest check relies on'),
      }, ['computed']),
    ),
    audits: object({
      programme: array(
        object({
          auditId: text(),
          reference: auditReference,
          kind: oneOf(['internal', 'passi', 'evaluation', 'surveillance']),
          auditor: text(),
          auditorErased: boolean(),
          auditorName: nullable(text('From the people registry; null when erased or not registered')),
          auditorOrganisation: nullable(text()),
          plannedStart: date,
          plannedEnd: date,
          startedOn: nullable(date),
          completedOn: nullable(date),
          verdict: nullable(oneOf(['pass', 'conditional', 'fail'])),
          findings: count,
        }),
      ),
      passiByYear: array(object({ year: integer(), held: boolean() })),
      findings: array(
        object({
          findingId: text(),
          auditId: text(),
          reference: findingReference,
          severity: oneOf(['major', 'minor', 'observation']),
          requirement: text(),
          title: text(),
          dueOn: date,
          status: text(),
          overdue: boolean(),
          resolution: nullable(text()),
          raisedOn: date,
          closedOn: nullable(date),
          justification: nullable(text()),
          remediations: array(object({ on: date, action: text(), evidence: array(file) })),
        }),
      ),
    }),
    incidents: array(
      object({
        incidentId: text(),
        title: text(),
        severity: oneOf(['low', 'medium', 'high', 'critical']),
        detectedAt: instant,
        personalData: boolean(),
        significant: boolean(),
        status: text(),
        containedAt: nullable(instant),
        resolvedAt: nullable(instant),
        deadlines: array(obligation),
        notifications: array(object({ recipient: text(), kind: text(), sentAt: instant, reference: nullable(text('The recipient\'s case number or our reference')) })),
        waivers: array(object({ obligation: text(), reason: text(), legalBasis: text() })),
        summary: nullable(text()),
        postmortem: array(file),
      }),
    ),
    changes: array(
      object({
        changeId: text(),
        source: text(),
        release: text(),
        receivedAt: instant,
        decision: nullable(oneOf(['approved', 'rejected'])),
        risk: nullable(oneOf(['low', 'medium', 'high'])),
        reviewedAt: nullable(instant),
        reviewer: nullable(
          object({ subject: text('Who recorded the review'), erased: boolean(), name: nullable(text('From the people registry; null when erased or not registered')), organisation: nullable(text()) }),
        ),
        description: text(),
        notes: nullable(text('The reviewer\'s notes')),
        providerWide: boolean('It concerns the whole provider, not named certifications'),
        deployments: array(object({ environment: text(), deployedAt: instant, emergency: boolean(), exception: boolean(), justification: nullable(text()) })),
      }),
    ),
    timeline: array(
      object({
        date,
        source: oneOf(['milestone', 'certification', 'audit']),
        kind: text(),
        title: text(),
        originallyPlannedFor: nullable(date),
        plannedFor: nullable(date),
        occurredOn: nullable(date),
        slipDays: nullable(integer()),
        providerWide: boolean('A milestone of the whole provider, not of named certifications'),
      }),
    ),
    evidence: array(
      object({ sha256, name: text(), mediaType: text(), size: count, effectiveOn: nullable(date), validUntil: nullable(date), description: nullable(text()) }),
    ),
    sovereignty: dossierSovereignty,
    integrity: object({ streams: array(object({ stream: text(), revision: integer({ minimum: 0 }), hash: sha256 }), 'Head hash of every stream the dossier draws on') }),
  }),
);

export const DOSSIER_PDF_HEADERS = {
  'X-Dossier-Sha256': { description: 'SHA-256 of the PDF', schema: sha256 },
  'X-Dossier-Position': { description: 'The log position the dossier describes', schema: position },
  'X-Dossier-Event-Id': { description: 'The DossierIssued event recording this download', schema: { type: 'string', format: 'uuid' } },
};
