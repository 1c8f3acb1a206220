import type Database from 'better-sqlite3';
import type { AppendResult, ExpectedRevision, IdempotencyClaim, NewEvent } from '../event-store';
import { DomainError } from '../../shared/errors';

export interface AppendRequest {
  stream: string;
  events: readonly NewEvent[];
  expected: ExpectedRevision;
  claim?: IdempotencyClaim;
}

interface PendingAppend extends AppendRequest {
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: appends that arrive while a commit is being prepared share one
 * transaction and one fsync. Each one still runs in a savepoint of its own, so
 * a failed append (a conflict, say) undoes only itself, and each is
 * acknowledged only after the commit is on disk.
 */
export class GroupCommit {
  private queue: PendingAppend[] = [];
  private flushScheduled = false;
  private readonly inSavepoint: Database.Transaction<(request: AppendRequest) => AppendResult>;

  constructor(
    private readonly db: Database.Database,
    appendOne: (request: AppendRequest) => AppendResult,
    private readonly onCommitted: () => void,
  ) {
    // A better-sqlite3 transaction called inside another one runs as a savepoint.
    this.inSavepoint = db.transaction(appendOne);
  }

  /** Appends waiting for the next commit. */
  get pending(): number {
    return this.queue.length;
  }

  /** Queues the append for the commit at the next turn of the event loop. */
  enqueue(request: AppendRequest): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ ...request, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits the queued appends in one transaction, then answers each of them. */
  flush(): void {
    this.flushScheduled = false;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    const outcomes: ({ ok: AppendResult } | { error: unknown })[] = [];
    try {
      this.db
        .transaction(() => {
          for (const request of batch) {
            try {
              outcomes.push({ ok: this.inSavepoint(request) });
            } catch (error) {
              outcomes.push({ error });
            }
          }
        })
        .immediate();
    } catch (error) {
      const unavailable = new DomainError('unavailable', `the event store could not commit: ${String(error)}`);
      for (const request of batch) request.reject(unavailable);
      return;
    }
    batch.forEach((request, i) => {
      const outcome = outcomes[i];
      if ('ok' in outcome) request.resolve(outcome.ok);
      else request.reject(outcome.error);
    });
    this.onCommitted();
  }
}
