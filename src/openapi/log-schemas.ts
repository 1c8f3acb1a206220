import { anyObject, boolean, component, instant, integer, nullable, object, position, sha256, text, uuid } from './schema';

/** Schemas of the log itself, shared by the areas that show events and chains. */
export const chainBreak = object({ stream: text(), revision: integer({ minimum: 0 }), position, reason: text() }, [], 'The first event whose chain does not hold');


export const recordedEvent = object({
  id: uuid,
  stream: text(),
  revision: integer({ minimum: 0 }),
  position,
  type: text(),
  schemaVersion: integer({ minimum: 1 }),
  data: anyObject('The event\'s facts; their shape depends on `type`'),
  metadata: object(
    {
      recordedAt: instant,
      actor: text(),
      correlationId: text(),
      causationId: nullable(text()),
      prevHash: sha256,
      hash: { ...sha256, description: 'SHA-256 over the canonical JSON of the event and prevHash' },
    },
    [],
  ),
});

export const RecordedEvent = component('RecordedEvent', recordedEvent);

export const IntegrityReportSchema = component(
  'IntegrityReport',
  object({
    ok: boolean(),
    events: integer({ minimum: 0 }),
    streams: integer({ minimum: 0 }),
    checkedUpTo: nullable({ ...position, description: 'The last event checked: the log head when the log is sound' }),
    firstBroken: nullable(chainBreak),
  }),
);
