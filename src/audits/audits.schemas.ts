import { array, boolean, component, date, extend, integer, nullable, object, oneOf, sha256, Source, text, withTwoTimes } from '../openapi/schema';
import { AUDIT_KINDS, RESOLUTIONS, SEVERITIES, VERDICTS } from './audits.events';

const audit = object({
  auditId: text(),
  certificationId: text(),
  kind: oneOf(AUDIT_KINDS),
  auditor: text('The subject id of the auditor'),
  plannedStart: date,
  plannedEnd: date,
  plannedOn: { ...date, description: 'The day the audit was planned: from then on it exists in business time' },
  startedOn: nullable(date),
  completedOn: nullable(date),
  verdict: nullable(oneOf(VERDICTS)),
  report: nullable({ ...sha256, description: 'SHA-256 of the report, stored as evidence' }),
  status: oneOf(['planned', 'in_progress', 'completed']),
  findings: integer({ minimum: 0 }),
  openFindings: integer({ minimum: 0 }),
  recorded: Source,
});

export const Audit = component('Audit', audit);

const finding = object({
    findingId: text(),
    auditId: text(),
    certificationId: text(),
    severity: oneOf(SEVERITIES),
    requirement: text('The requirement ref, such as 12.6.c'),
    title: text(),
    raisedOn: date,
    dueOn: date,
    status: oneOf(['open', 'remediated', 'closed']),
    remediations: array(object({ action: text(), evidence: array(sha256), on: { ...date, description: 'The day of the remediation (the day recorded, when none was given)' }, recorded: Source })),
    remediatedOn: nullable({ ...date, description: 'The latest remediation\'s day: when the finding reads remediated in business time' }),
    corrections: array(object({ field: text('The business date set right'), from: text('As first recorded'), to: text('As corrected'), reason: text(), recorded: Source }), 'Business dates set right after the fact, oldest first'),
    resolution: nullable(oneOf(RESOLUTIONS)),
    justification: nullable(text()),
    closedOn: nullable(date),
    openAtCompletion: boolean('Still open when its audit was completed'),
    recorded: Source,
    overdue: boolean('Past its due date and not closed, on the business date asked about'),
  });

export const Finding = component('Finding', finding);

export const FindingDetail = component('FindingDetail', withTwoTimes(finding));

export const AuditDetail = component('AuditDetail', withTwoTimes(extend(audit, { findingList: array(Finding) })));
