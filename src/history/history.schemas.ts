import { array, boolean, component, extend, instant, integer, nullable, object, oneOf, position, sha256, text, uuid, validAtField, validAtInFutureField } from '../openapi/schema';
import { chainBreak, recordedEvent } from '../openapi/log-schemas';


export const InvestigatedEvent = component(
  'InvestigatedEvent',
  extend(recordedEvent, { causes: array(object({ id: uuid, stream: text(), type: text(), position }), 'The chain of events that caused this one, nearest first') }),
);

/** The extra fields of a stream's page of events. */
export const streamFields = {
  stream: text(),
  revision: integer({ minimum: 0, description: 'The stream\'s last revision' }),
  chain: object({ ok: boolean(), headHash: sha256, firstBroken: nullable(chainBreak) }),
};

const requirementState = object({ status: text(), applicable: nullable(boolean()) });

/** One side of a diff: what the ledger knew (position, at) and the business date it was read on. */
const side = object({ position: nullable(position), at: instant, validAt: validAtField, validAtInFuture: validAtInFutureField }, ['validAtInFuture']);

export const Diff = component(
  'Diff',
  object({
    certificationId: text(),
    compared: oneOf(['recording_time', 'business_time', 'both'], 'Which times differ between the two sides'),
    from: side,
    to: side,
    requirements: array(object({ ref: text(), from: requirementState, to: requirementState })),
    findings: array(
      object({
        findingId: text(),
        auditId: text(),
        requirement: text(),
        title: text(),
        severity: text(),
        change: { type: 'string', enum: ['raised', 'status_changed'] },
        from: nullable(text()),
        to: text(),
      }),
    ),
    corrections: array(
      object({ subject: text('The check, finding or incident corrected'), field: text(), from: text(), to: text(), reason: text(), position, recordedAt: instant, actor: text() }),
      'Business dates set right between the two recording points, in log order',
    ),
  }),
);

const causeLink = object({ id: uuid, stream: text(), type: text(), position });

export const EventEffects = component(
  'EventEffects',
  object({
    event: recordedEvent,
    causes: array(causeLink, 'The chain of events that caused this one, nearest first'),
    effects: array(extend(recordedEvent, { depth: integer({ minimum: 1, description: '1 for a direct effect, 2 for an effect of an effect, and so on' }) }), 'Every event this one caused, directly or through others, in log order'),
    truncated: boolean('true when there were more effects than the answer lists (1,000)'),
  }),
);
