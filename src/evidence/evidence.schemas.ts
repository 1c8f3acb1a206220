import { boolean, component, date, extend, integer, nullable, object, oneOf, sha256, Source, text, withTwoTimes } from '../openapi/schema';
import { commandResult } from '../openapi/operations';

const details = {
  sha256,
  name: text('The file name as uploaded'),
  mediaType: text(),
  size: integer({ minimum: 0, description: 'Bytes' }),
  effectiveOn: nullable(date),
  validUntil: nullable(date),
  description: nullable(text()),
};

const evidence = object({ ...details, recorded: Source, expired: boolean('Past validUntil, on the business date asked about'), inEffect: boolean('effectiveOn reached on the business date asked about') });

export const Evidence = component('Evidence', evidence);
export const EvidenceDetail = component(
  'EvidenceDetail',
  withTwoTimes(extend(evidence, { file: oneOf(['intact', 'missing', 'altered'], 'The stored file, checked against its hash now') })),
);

/** The recorded details beside where the event went. */
export const EvidenceStored = component('EvidenceStored', extend(commandResult, details));
