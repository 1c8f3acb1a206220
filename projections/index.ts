import type { Projection } from './projection';
import { certificationsProjection } from './certifications';
import { requirementStatusProjection } from './requirement-status';
import { timelineProjection } from './timeline';

/** Every read model the runner keeps; the same list answers as-of queries. */
export const PROJECTIONS: readonly Projection[] = [certificationsProjection, requirementStatusProjection, timelineProjection] as Projection[];
