import { Inject, Injectable } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { REGISTRY_DATABASE } from '../registry/registry-database';

export interface AuditorRead {
  at: string;
  subject: string;
  engagementId: string | null;
  path: string;
}

/** Most recent first, at most this many per answer. */
const LISTED = 1_000;

/** Every successful read by an auditor, kept in the registry (an adapter). */
@Injectable()
export class AuditorReads {
  private readonly statements;

  constructor(@Inject(REGISTRY_DATABASE) db: Database.Database) {
    this.statements = {
      insert: db.prepare('INSERT INTO auditor_reads (at, subject, engagement_id, path) VALUES (?, ?, ?, ?)'),
      recent: db.prepare(`SELECT at, subject, engagement_id AS engagementId, path FROM auditor_reads ORDER BY id DESC LIMIT ${LISTED}`),
    };
  }

  record(read: AuditorRead): void {
    this.statements.insert.run(read.at, read.subject, read.engagementId, read.path);
  }

  recent(): AuditorRead[] {
    return this.statements.recent.all() as AuditorRead[];
  }
}
