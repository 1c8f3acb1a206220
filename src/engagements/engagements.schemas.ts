import { array, component, instant, nullable, object, text } from '../openapi/schema';

export const AuditorReadList = component(
  'AuditorReadList',
  object({
    items: array(
      object({
        at: instant,
        subject: text('The auditor'),
        engagementId: nullable(text('The engagement their token is bound to')),
        path: text('What they read: the path and query'),
      }),
      'The latest 1,000 reads, most recent first',
    ),
  }),
);
