import { Inject, Injectable } from '@nestjs/common';
import { PeopleRegistry } from './people-registry';

/** A person as other areas may name them: no e-mail address. */
export interface PersonName {
  name: string;
  organisation: string | null;
}

/**
 * For other areas (the dossier): the name and organisation of a subject from
 * the registry's current row, or null when it holds none (never registered,
 * or erased). The registry keeps no history.
 */
@Injectable()
export class PeopleLookup {
  constructor(@Inject(PeopleRegistry) private readonly registry: Pick<PeopleRegistry, 'get'>) {}

  nameOf(subject: string): PersonName | null {
    const person = this.registry.get(subject);
    return person ? { name: person.displayName, organisation: person.organisation } : null;
  }
}
