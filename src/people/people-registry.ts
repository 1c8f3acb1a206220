import type Database from 'better-sqlite3';
import { DomainError } from '../shared/errors';

export interface Person {
  subject: string;
  displayName: string;
  email: string | null;
  organisation: string | null;
}

/** Names and addresses of people, kept out of the log so that they can be erased (an adapter). */
export class PeopleRegistry {
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    this.statements = {
      upsert: db.prepare(
        `INSERT INTO people (subject, display_name, email, organisation, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (subject) DO UPDATE SET display_name = excluded.display_name, email = excluded.email,
           organisation = excluded.organisation, updated_at = excluded.updated_at`,
      ),
      get: db.prepare('SELECT subject, display_name AS displayName, email, organisation FROM people WHERE subject = ?'),
      all: db.prepare('SELECT subject, display_name AS displayName, email, organisation FROM people ORDER BY subject'),
      erase: db.prepare('DELETE FROM people WHERE subject = ?'),
    };
  }

  save(person: Person, now: Date): void {
    this.statements.upsert.run(person.subject, person.displayName, person.email, person.organisation, now.toISOString());
  }

  get(subject: string): Person | null {
    return (this.statements.get.get(subject) as Person | undefined) ?? null;
  }

  /** Everyone registered (erased people are no longer here), by subject id. */
  list(): Person[] {
    return this.statements.all.all() as Person[];
  }

  /**
   * Forgets a person so that no copy stays in the registry's files
   * (decision 0014): the row is deleted with secure_delete on, VACUUM
   * rewrites the file from live rows only (earlier versions of the person's
   * details included), and a TRUNCATE checkpoint empties the WAL, which held
   * older images of the pages. Calling it again finishes an erasure that a
   * busy reader kept from completing.
   */
  erase(subject: string): void {
    this.statements.erase.run(subject);
    this.db.exec('VACUUM');
    const [checkpoint] = this.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    if (checkpoint.busy) {
      throw new DomainError('unavailable', `the registry was busy: ${subject} is erased, but older copies wait in its journal; repeat the erasure to clear them`);
    }
  }
}
