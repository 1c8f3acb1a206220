import { extend, array, component, date, integer, nullable, object, oneOf, Source, text } from '../openapi/schema';

const timelineEntry = object({
    key: text(),
    source: oneOf(['milestone', 'certification', 'audit'], 'What the entry is'),
    kind: text('The milestone kind, the certification step or the audit kind'),
    title: text(),
    originallyPlannedFor: nullable({ ...date, description: 'The plan as first recorded' }),
    plannedFor: nullable({ ...date, description: 'The plan as it stood on the business date asked about' }),
    occurredOn: nullable(date),
    plannedOn: nullable({ ...date, description: 'The day the plan was made, where one is recorded (audits): on the timeline from then on' }),
    slips: array(object({ from: nullable(date), to: date, reason: text(), on: { ...date, description: 'The day the slip was decided' } }), 'Slips decided by the business date asked about'),
    reference: nullable(text()),
    certificationIds: array(text(), 'The certifications a milestone concerns; absent: the whole provider'),
    date: { ...date, description: 'occurredOn if it happened, plannedFor otherwise: the order of the timeline' },
    recorded: Source,
    status: oneOf(['achieved', 'planned', 'late'], 'On the business date asked about: late once its planned date has passed without it'),
    slipDays: nullable(integer({ description: 'Days between the first plan and what happened (or the plan now)' })),
    daysLate: nullable(integer({ minimum: 0, description: 'Days past its planned date, when late' })),
  }, ['certificationIds']);

export const TimelineEntry = component('TimelineEntry', timelineEntry);

export const Milestone = component('Milestone', extend(timelineEntry, { id: text('The milestone id, for its commands (/milestones/{id}/…)') }));
