/** Events of the people registry. They carry the subject id only: personal data stays in the erasable registry. */
export type PeopleEvent =
  | { type: 'PersonRegistered'; data: { subject: string } }
  | { type: 'PersonDetailsUpdated'; data: { subject: string } }
  | { type: 'PersonErased'; data: { subject: string } };

export const personStream = (subject: string) => `person-${subject}`;
