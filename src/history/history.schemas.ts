import { array, boolean, component, extend, instant, integer, nullable, object, position, sha256, text, uuid } from '../openapi/schema';
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

export const Diff = component(
  'Diff',
  object({
    certificationId: text(),
    from: object({ position: nullable(position), at: instant }),
    to: object({ position: nullable(position), at: instant }),
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
  }),
);
