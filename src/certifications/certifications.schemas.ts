import { array, boolean, component, date, extend, integer, Localised, nullable, number, object, oneOf, sha256, Source, text, instant, position, uuid, withTwoTimes } from '../openapi/schema';
import { CHECK_CORRECTABLE_FIELDS, CHECK_METHODS, CHECK_RESULTS } from '../controls/controls.events';
import { FRESHNESS } from '../../projections/freshness';
import { computedCheck } from '../sovereignty/sovereignty.schemas';

const validity = {
  valid: boolean('Granted and not past validUntil, today'),
  expired: boolean('Past validUntil and not withdrawn, today'),
  daysToExpiry: nullable(integer({ description: 'Days from today to validUntil' })),
};

const certification = extend(
  object({
    id: text(),
    label: text(),
    framework: text('The framework id, such as secnumcloud-3.2'),
    service: text(),
    reviewIntervalDays: integer({ minimum: 1, description: 'Days after which a requirement\'s latest check is due for review' }),
    evaluator: nullable(text()),
    status: oneOf(['applied', 'granted', 'suspended', 'withdrawn']),
    filedAt: date,
    steps: array(object({ step: text('J0 to J3'), on: date, note: nullable(text()) })),
    grantedOn: nullable(date),
    validUntil: nullable(date),
    grantedValidUntil: nullable({ ...date, description: 'validUntil as first granted, before renewals' }),
    suspended: nullable(object({ on: date, reason: text() })),
    withdrawn: nullable(object({ on: date, reason: text() })),
    renewals: array(object({ on: date, validUntil: date })),
    history: array(object({ position, eventId: uuid, recordedAt: instant, actor: text(), type: text('The event type'), on: date })),
  }),
  validity,
);

export const Certification = component('Certification', certification);

const checkResult = oneOf(CHECK_RESULTS);

const requirementStatus = object({
  certificationId: text(),
  framework: text(),
  ref: text('The requirement ref, such as 12.6.c'),
  chapter: text(),
  applicable: nullable(boolean('false when stated not applicable; null until stated')),
  justification: nullable(text()),
  latestCheck: nullable(
    object({ checkId: text(), result: checkResult, method: oneOf(CHECK_METHODS), performedAt: instant, evidence: array(sha256), notes: nullable(text()), recorded: Source }),
  ),
  status: oneOf([...CHECK_RESULTS, 'not_assessed']),
  checks: integer({ minimum: 0 }),
  reviewIntervalDays: nullable(integer({ minimum: 1, description: 'The statement\'s review interval; null: the certification\'s' })),
  statedOn: nullable({ ...date, description: 'The day the statement of applicability in force holds from; null before any statement' }),
  corrections: integer({ minimum: 0, description: 'Checks whose date was corrected' }),
  freshness: { type: 'string', enum: [...FRESHNESS, null], nullable: true, description: 'Whether the latest result still holds on the business date asked about; null when not assessed or not applicable' },
  computedCheck: nullable({ ...computedCheck, description: 'The check the sovereignty evaluation makes on the business date asked (19.6.a–d, 19.2.b): it decides `status`; null where none does' }),
  section: text(),
  summary: Localised,
});

/** In a list, the evidence of a requirement is counted, not listed. */
export const RequirementListItem = component('RequirementListItem', extend(requirementStatus, { evidenceCount: integer({ minimum: 0 }) }));

export const Requirement = component(
  'Requirement',
  withTwoTimes(extend(requirementStatus, {
    evidence: array(sha256),
    history: array(
      object(
        { position, eventId: uuid, recordedAt: instant, actor: text(), type: text(), summary: text(), correction: object({ checkId: text(), field: oneOf(CHECK_CORRECTABLE_FIELDS), from: instant, to: instant, reason: text() }) },
        ['correction'],
      ),
      'What was stated, checked and corrected, oldest first',
    ),
  })),
);

export const ChapterReadiness = component(
  'ChapterReadiness',
  object({
    chapter: text(),
    title: Localised,
    requirements: integer({ minimum: 0 }),
    applicable: integer({ minimum: 0 }),
    passed: integer({ minimum: 0 }),
    stale: integer({ minimum: 0, description: 'Passed, but no longer current (evidence expired or review due): not counted as passed' }),
    partial: integer({ minimum: 0 }),
    failed: integer({ minimum: 0 }),
    notAssessed: integer({ minimum: 0 }),
    coverage: number({ minimum: 0, maximum: 1, description: 'Share of applicable requirements with at least one check' }),
    readiness: number({ minimum: 0, maximum: 1, description: 'Passed counts 1, partial one half' }),
  }),
);

export const CertificationDetail = component('CertificationDetail', withTwoTimes(extend(certification, { readiness: array(ChapterReadiness) })));
