import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { COMPUTED_SOURCE } from '../../projections/sovereignty/computed-checks';
import { REQUIREMENTS } from '../../projections/sovereignty/evaluate';
import { array, asOfField, boolean, component, date, extend, nullable, number, object, oneOf, position, text } from '../openapi/schema';
import { ACCESS_PATHS, CONTROL_RIGHT_KINDS, LOCATION_KINDS, SOVEREIGNTY_EVENT_TYPES } from './sovereignty.events';
import { ACCESS_EFFECTS } from '../changes/changes.events';

const percent = number({ minimum: 0, maximum: 100, description: 'A percentage, kept to four decimals' });
const figures = object({ capitalPercent: percent, votingPercent: percent });
const verdict = oneOf(['compliant', 'breached']);
const measure = oneOf(['capital', 'voting']);
const country = text('ISO 3166-1 alpha-2 country code');
const seat = object({ country, eu: boolean('In the European Union on the date evaluated') });
const establishment = object({ registeredOffice: seat, centralAdministration: seat, mainEstablishment: seat });
const union = (...variants: SchemaObject[]): SchemaObject => ({ oneOf: variants });

/** 19.6.b: a threshold exceeded by one non-EU entity or collectively, or a control right that counts. */
const breach = union(
  object({ kind: oneOf(['individual']), entityId: text(), measure, percent, thresholdPercent: percent, excessPoints: number({ minimum: 0 }) }),
  object({ kind: oneOf(['collective']), measure, percent, thresholdPercent: percent, excessPoints: number({ minimum: 0 }) }),
  object({ kind: oneOf(['control_right']), controlRightId: text(), holder: text(), of: text(), attributedTo: array(text()) }),
);
const accessBreach = object({ accessId: text(), party: text(), jurisdiction: country });
const locationBreach = object({ locationId: text(), kind: oneOf(LOCATION_KINDS), country });

const holding = object({ holder: text('Entity id'), of: text('Entity id'), capitalPercent: percent, votingPercent: percent, on: date });
const controlRight = object({
  controlRightId: text(),
  holder: text(),
  of: text(),
  kind: oneOf(CONTROL_RIGHT_KINDS),
  on: date,
  endsOn: nullable({ ...date, description: 'The last day it applies; null: open-ended' }),
  source: nullable(text()),
});
const accessPath = object({
  accessId: text(),
  party: text(),
  jurisdiction: country,
  path: oneOf(ACCESS_PATHS),
  reachesData: boolean(),
  operates: boolean(),
  qualified: boolean(),
  blockingMeasures: array(text()),
  from: date,
  to: nullable(date),
});
const location = object({ locationId: text(), kind: oneOf(LOCATION_KINDS), name: text(), country, from: date, to: nullable(date) });
const requirementBreaches = object({ requirement: oneOf(REQUIREMENTS), breaches: array(union(...(breach.oneOf as SchemaObject[]), accessBreach, locationBreach)) });

/** The evaluation of one business date: what GET /sovereignty and the simulation share. */
const evaluation = object({
  validAt: date,
  provider: object({ entityId: text(), name: text() }),
  requirements: object({
    '19.6.a': object({ verdict, establishment }),
    '19.6.b': object({ verdict, breaches: array(breach) }),
    '19.6.c': object({ verdict, breaches: array(accessBreach) }),
    '19.6.d': object({ verdict, breaches: array(accessBreach) }),
    '19.2': object({ verdict, breaches: array(locationBreach) }),
  }),
  thresholds: object({ individualPercent: percent, collectivePercent: percent }),
  nonEu: object({
    maxIndividual: nullable(extend(figures, { entityId: text() }, 'The non-EU holder with the largest effective share, null when there is none')),
    collective: { ...figures, description: 'Of the provider, the part held by non-EU entities, each stake counted once' },
  }),
  holders: array(
    object({
      entityId: text(),
      direct: figures,
      multiplied: figures,
      byControl: figures,
      effective: { ...figures, description: 'The stricter of the two readings' },
      method: oneOf(['direct', 'multiplication', 'control']),
      chains: array(extend(figures, { path: array(text(), 'From the holder to the provider') })),
      controls: array(text(), 'The other entities it controls that day'),
      name: text(),
      country,
      nonEu: boolean(),
    }),
  ),
  controlRights: array(
    extend(controlRight, {
      attributedTo: array(text(), 'The non-EU entities that control its holder'),
      counts: boolean('Held by a non-EU entity over the provider or over an entity controlling it'),
    }),
  ),
  establishment,
  access: array(extend(accessPath, { nonEu: boolean(), open: boolean('Non-EU, not qualified and nothing blocks it'), reviewedIn: array(text(), 'The approved change reviews that added or changed it') })),
  accessReviews: array(
    object({
      changeId: text(),
      reviewedAt: text('When the release was reviewed'),
      effect: oneOf(ACCESS_EFFECTS),
      party: text(),
      jurisdiction: country,
      accessId: nullable(text('The path in the register, when the review cites one')),
      nonEu: boolean(),
    }),
    'Approved upstream releases that added or changed an access path, reviewed by the date evaluated',
  ),
  locations: array(extend(location, { eu: boolean() })),
});

const reason = union(
  object({ kind: oneOf(['verdict']), requirement: oneOf(REQUIREMENTS), from: verdict, to: verdict }),
  object({ kind: oneOf(['threshold_crossed', 'threshold_cleared']), entityId: nullable(text('null: collectively')), measure, thresholdPercent: percent }),
  object({ kind: oneOf(['control_right_added', 'control_right_removed']), controlRightId: text() }),
  object({ kind: oneOf(['access_opened', 'access_closed']), accessId: text() }),
  object({ kind: oneOf(['location_outside_eu', 'location_back_in_eu']), locationId: text() }),
  object({ kind: oneOf(['access_path_reviewed']), changeId: text(), effect: oneOf(ACCESS_EFFECTS), jurisdiction: country, accessId: nullable(text()) }),
);

const notice = object({
  obligation: text('Such as notice-1'),
  changeOn: date,
  dueOn: date,
  fact: oneOf([...SOVEREIGNTY_EVENT_TYPES, 'ChangeReviewed']),
  reasons: array(reason),
  sentAt: nullable(text('When the notice was sent')),
  reference: nullable(text()),
  waived: nullable(object({ reason: text() })),
  status: oneOf(['pending', 'met', 'missed', 'waived']),
  overdue: boolean('Pending and past its due day'),
});

export const Sovereignty = component('Sovereignty', extend(evaluation, { asOf: asOfField, notices: array(notice, 'The 19.6.f customer notices') }));

export const SovereigntySimulation = component(
  'SovereigntySimulation',
  extend(evaluation, {
    basedOn: object({ position: nullable({ ...position, description: 'The structure stream as simulated from; null when nothing is recorded' }) }),
    changes: array(holding, 'The planned holdings'),
    planned: object({
      controlRights: array(controlRight, 'The planned control rights, numbered planned-right-N'),
      access: array(accessPath, 'The planned access paths, numbered planned-access-N'),
      locations: array(location, 'The planned locations, numbered planned-location-N'),
    }),
    before: object({ verdicts: object(Object.fromEntries(REQUIREMENTS.map((r) => [r, verdict]))), nonEu: evaluation.properties!.nonEu }),
    breaks: array(requirementBreaches, 'Requirements compliant before and breached after, with the breaches'),
    worsens: array(requirementBreaches, 'Requirements already breached that the plan breaches further, with the breaches it adds'),
    recorded: { type: 'boolean', enum: [false], description: 'Always false: nothing is appended' },
  }),
);

/** A requirement's status computed from the evaluation (decision 29). */
export const computedCheck = object({
  source: oneOf([COMPUTED_SOURCE], 'Computed from the sovereignty evaluation, not entered by hand'),
  evaluation: oneOf(REQUIREMENTS, 'The requirement of GET /sovereignty that decides it'),
  result: oneOf(['passed', 'failed']),
  validAt: date,
  breachedBy: array(text(), 'Who or what breaches it: entity ids, parties with their jurisdiction, seats, data locations; empty when met'),
});

/** The section of the dossier (its own date). */
export const dossierSovereignty = nullable(
  object(
    {
      validAt: date,
      provider: text(),
      verdicts: array(object({ requirement: oneOf(REQUIREMENTS), verdict })),
      thresholds: object({ individualPercent: percent, collectivePercent: percent }),
      collective: figures,
      holders: array(object({ entityId: text(), name: text(), country, nonEu: boolean(), capitalPercent: percent, votingPercent: percent, method: oneOf(['direct', 'multiplication', 'control']) })),
      controlRights: array(object({ holder: text(), of: text(), kind: oneOf(CONTROL_RIGHT_KINDS), counts: boolean() })),
      access: array(object({ party: text(), jurisdiction: country, path: oneOf(ACCESS_PATHS), open: boolean() })),
      accessReviews: array(object({ changeId: text(), reviewedAt: text(), effect: oneOf(ACCESS_EFFECTS), party: text(), jurisdiction: country }), 'Approved upstream releases that added or changed an access path by the date'),
      locations: array(object({ kind: oneOf(LOCATION_KINDS), name: text(), country, eu: boolean() })),
      notices: array(object({ obligation: text(), changeOn: date, dueOn: date, sentAt: nullable(text()), status: oneOf(['pending', 'met', 'missed', 'waived', 'overdue']) })),
      structure: object(
        {
          entities: array(object({ entityId: text(), name: text(), country, nonEu: boolean(), provider: boolean() })),
          holdings: array(object({ holder: text(), of: text(), capitalPercent: percent, votingPercent: percent })),
        },
        [],
        'The ownership chart: the provider and the entities with a share in it on the date, and the holdings between them',
      ),
    },
    [],
    'Protection against non-EU law on the dossier\'s date; null when no provider is recorded',
  ),
);
