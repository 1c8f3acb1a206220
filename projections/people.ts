import type { PeopleEvent } from '../src/people/people.events';
import { type Projection } from './projection';

/** Which subject ids the registry knows and which were erased: ids only, no personal data, so it can live in the log's read models. */
export interface PersonDoc {
  subject: string;
  erased: boolean;
}

export const peopleProjection: Projection<PersonDoc, PeopleEvent> = {
  name: 'people',
  version: 1,
  handles: ['PersonRegistered', 'PersonDetailsUpdated', 'PersonErased'],
  keys: (event) => [String(event.data.subject)],
  evolve(doc, event) {
    const type = event.type;
    const { subject } = event.data;
    switch (type) {
      case 'PersonRegistered':
      case 'PersonDetailsUpdated':
        return { subject, erased: doc?.erased ?? false };
      case 'PersonErased':
        return { subject, erased: true };
      default: {
        const unknown: never = type;
        return unknown;
      }
    }
  },
};
