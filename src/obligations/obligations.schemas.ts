import { component, nullable, object, oneOf, text } from '../openapi/schema';

export const Obligation = component(
  'Obligation',
  object({
    key: text('Due date, obligation and subject: the order of the list'),
    obligation: text('cnil_notification, nis2_early_warning, nis2_notification, nis2_final_report, customer_information, finding_due, certification_renewal, requirement_review (a check due for review), evidence_expiry (a file a check rests on expiring) or sovereignty_notice'),
    subject: text('The incident, finding, certification, requirement ref (ref:sha256 for an expiring file) or notice it belongs to'),
    certificationId: nullable(text()),
    dueAt: text('An instant for notifications, a calendar date for corrections and renewals'),
    metAt: nullable(text()),
    status: oneOf(['met', 'missed', 'pending', 'overdue', 'waived']),
  }),
);
