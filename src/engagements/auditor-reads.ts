import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
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
/** Reads are written in batches: a read must not wait for a disk flush of its own. */
const FLUSH_AFTER_MS = 1_000;

/** Every successful read by an auditor, kept in the registry (an adapter). */
@Injectable()
export class AuditorReads implements OnModuleDestroy {
  private readonly statements;
  private readonly insertAll;
  private pending: AuditorRead[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(@Inject(REGISTRY_DATABASE) db: Database.Database) {
    this.statements = {
      insert: db.prepare('INSERT INTO auditor_reads (at, subject, engagement_id, path) VALUES (?, ?, ?, ?)'),
      recent: db.prepare(`SELECT at, subject, engagement_id AS engagementId, path FROM auditor_reads ORDER BY id DESC LIMIT ${LISTED}`),
    };
    this.insertAll = db.transaction((reads: AuditorRead[]) => {
      for (const read of reads) this.statements.insert.run(read.at, read.subject, read.engagementId, read.path);
    });
  }

  /** Kept in memory and written within a second, in one transaction with the reads around it. */
  record(read: AuditorRead): void {
    this.pending.push(read);
    this.timer ??= setTimeout(() => this.flush(), FLUSH_AFTER_MS).unref();
  }

  recent(): AuditorRead[] {
    this.flush();
    return this.statements.recent.all() as AuditorRead[];
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const reads = this.pending;
    this.pending = [];
    if (reads.length > 0) this.insertAll(reads);
  }

  /** Before the registry closes: no read recorded in memory is lost at shutdown. */
  onModuleDestroy(): void {
    this.flush();
  }
}
