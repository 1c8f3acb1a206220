import { boolean, component, nullable, object, text } from '../openapi/schema';

export const Person = component(
  'Person',
  object({
    subject: text('The id events carry'),
    displayName: nullable(text('null once erased')),
    email: nullable(text('null once erased', { format: 'email' })),
    organisation: nullable(text()),
    erased: boolean('The registry forgot this person; the log keeps only the subject id'),
  }),
);
