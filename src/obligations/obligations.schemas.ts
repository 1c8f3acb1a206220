import { component, nullable, object, oneOf, text } from '../openapi/schema';

export const Obligation = component(
  'Obligation',
  object({
    key: text('Due date, obligation and subject: the order of the list'),
    obligation: text('cnil_notification, nis2_early_warning, nis2_notification, nis2_final_report, customer_information, finding_due or certification_renewal'),
    subject: text('The incident, finding or certification it belongs to'),
    certificationId: nullable(text()),
    dueAt: text('An instant for notifications, a calendar date for corrections and renewals'),
    metAt: nullable(text()),
    status: oneOf(['met', 'missed', 'pending', 'overdue']),
  }),
);
