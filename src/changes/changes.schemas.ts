import { array, boolean, component, instant, nullable, object, oneOf, Source, text, withTwoTimes } from '../openapi/schema';
import { DECISIONS, RISKS } from './changes.events';

const change = object({
  changeId: text(),
  source: text(),
  release: text(),
  description: text(),
  receivedAt: instant,
  certificationIds: nullable(array(text(), 'The certifications the change concerns; null: the whole provider')),
  decision: nullable(oneOf(DECISIONS)),
  risk: nullable(oneOf(RISKS)),
  reviewedAt: nullable(instant),
  reviewedBy: nullable(text('The subject who recorded the review; null before any review')),
  notes: nullable(text()),
  retrospectiveReview: boolean('The review came after an emergency deployment and closed its exception'),
  deployments: array(
    object({ environment: text(), deployedAt: instant, emergency: boolean(), exception: boolean('Deployed in emergency before any review'), justification: nullable(text()), recorded: Source }),
  ),
  status: oneOf(['received', 'approved', 'rejected', 'deployed', 'exception']),
  reviewedBeforeDeployment: nullable(boolean('null until deployed; false when a deployment went ahead of the review')),
  recorded: Source,
});

export const Change = component('Change', change);
export const ChangeDetail = component('ChangeDetail', withTwoTimes(change));
