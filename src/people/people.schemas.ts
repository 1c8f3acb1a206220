import { array, boolean, component, nullable, object, text } from '../openapi/schema';

export const Person = component(
  'Person',
  object({
    subject: text('The id events carry'),
    displayName: nullable(text('null once erased')),
    email: nullable(text('Present only for admins and for the person themself; null once erased', { format: 'email' })),
    organisation: nullable(text()),
    erased: boolean('The registry forgot this person; the log keeps only the subject id'),
  }, ['email']),
);

export const PersonList = component('PersonList', object({ items: array(Person, 'Everyone registered, by subject id') }));
