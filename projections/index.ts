import type { Projection } from './projection';
import { auditsProjection } from './audits';
import { certificationsProjection } from './certifications';
import { evidenceProjection } from './evidence';
import { changesProjection } from './changes';
import { findingsProjection } from './findings';
import { incidentsProjection } from './incidents';
import { peopleProjection } from './people';
import { requirementHistoryProjection } from './requirement-history';
import { requirementStatusProjection } from './requirement-status';
import { sovereigntyProjection } from './sovereignty/projection';
import { timelineProjection } from './timeline';

/** Every read model the runner keeps; the same list answers as-of queries. */
export const PROJECTIONS: readonly Projection[] = [
  certificationsProjection,
  requirementStatusProjection,
  requirementHistoryProjection,
  timelineProjection,
  auditsProjection,
  findingsProjection,
  incidentsProjection,
  changesProjection,
  evidenceProjection,
  peopleProjection,
  sovereigntyProjection,
];
