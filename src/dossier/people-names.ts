import type { PeopleRegistry } from '../people/people-registry';
import type { PeopleNames } from './build-dossier';

/**
 * Name and organisation of a subject from the registry's current row. The
 * registry keeps no history: a dossier drawn as of a past position shows the
 * details as they are now, and nothing for someone erased since.
 */
export const namesIn =
  (registry: Pick<PeopleRegistry, 'get'> | undefined): PeopleNames =>
  (subject) => {
    const person = registry?.get(subject);
    return person ? { name: person.displayName, organisation: person.organisation } : null;
  };
