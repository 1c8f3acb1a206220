import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../event-store/event-store';
import { DomainError } from '../shared/errors';
import { evidenceStream, type EvidenceEvent } from './evidence.events';

/** Lets other areas refuse a citation of evidence that was never stored. */
@Injectable()
export class EvidenceLookup {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** What was recorded when the bytes were first stored, or null. */
  async record(sha256: string): Promise<EvidenceEvent['data'] | null> {
    for await (const event of this.store.readStream(evidenceStream(sha256), { maxCount: 1 })) return event.data as EvidenceEvent['data'];
    return null;
  }

  async exists(sha256: string): Promise<boolean> {
    return (await this.record(sha256)) !== null;
  }

  /** Throws a 422 naming `field` when any of the hashes is not stored evidence. */
  async requireAll(hashes: readonly string[] | undefined, field: string): Promise<void> {
    const missing: string[] = [];
    for (const sha256 of new Set(hashes ?? [])) if (!(await this.exists(sha256))) missing.push(sha256);
    if (missing.length > 0) {
      const message = `no evidence stored with SHA-256 ${missing.join(', ')}; upload it with POST /evidence first`;
      throw new DomainError('rule_broken', `${field}: ${message}`, { errors: [{ field, messages: [message] }] });
    }
  }
}
