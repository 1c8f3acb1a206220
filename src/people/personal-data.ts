import type { Principal } from '../auth/roles';
import type { Person } from './people-registry';

/**
 * Least privilege for personal data: an e-mail address is shown to admins
 * and to the person it belongs to, and left out for everyone else
 * (compliance staff and auditors see names and organisations).
 */
export function shownTo(principal: Principal | undefined, person: Person): Person | Omit<Person, 'email'> {
  if (principal !== undefined && (principal.role === 'admin' || principal.subject === person.subject)) return person;
  const { email: _hidden, ...rest } = person;
  return rest;
}
