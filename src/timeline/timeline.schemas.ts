import { array, component, date, integer, nullable, object, oneOf, Source, text } from '../openapi/schema';

export const TimelineEntry = component(
  'TimelineEntry',
  object({
    key: text(),
    source: oneOf(['milestone', 'certification', 'audit'], 'What the entry is'),
    kind: text('The milestone kind, the certification step or the audit kind'),
    title: text(),
    originallyPlannedFor: nullable({ ...date, description: 'The plan as first recorded' }),
    plannedFor: nullable({ ...date, description: 'The plan as it stands now' }),
    occurredOn: nullable(date),
    slips: array(object({ from: nullable(date), to: date, reason: text() })),
    reference: nullable(text()),
    certificationIds: array(text(), 'The certifications a milestone concerns; absent: the whole provider'),
    date: { ...date, description: 'occurredOn if it happened, plannedFor otherwise: the order of the timeline' },
    recorded: Source,
    status: oneOf(['achieved', 'planned', 'late'], 'On the business date asked about: late once its planned date has passed without it'),
    slipDays: nullable(integer({ description: 'Days between the first plan and what happened (or the plan now)' })),
    daysLate: nullable(integer({ minimum: 0, description: 'Days past its planned date, when late' })),
  }, ['certificationIds']),
);
