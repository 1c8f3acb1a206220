import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '../event-store/event-store';
import type { EngagementScope } from '../auth/engagement-policy';
import { businessDayOf, citesEvidence, concernsEngagement, evidenceRelied, inWindow, ownerByFirstEvent, ownerByName, type LoggedFact, type StreamOwner } from './engagement-facts';

/**
 * What one caller may see of the log. `key` names the view: an answer
 * filtered by it may be cached only under a key that includes it, so that no
 * cached answer crosses from one engagement (or from full access) to another.
 */
export interface EventVisibility {
  readonly key: string;
  /** Whether any fact of the stream may be shown; other streams are answered 404. */
  streamVisible(stream: string): Promise<boolean>;
  visible(event: RecordedEvent): Promise<boolean>;
}

/** The categories whose facts rely on evidence files. */
const RELYING = ['control', 'audit', 'incident'];
const KNOWN_OWNERS = 100_000;

/** The log as an engagement sees it (an adapter over the event store): its facts, and the evidence they rely on. */
@Injectable()
export class EngagementLog {
  /** Owners never change: a stream's owner is fixed by its name or its first event. */
  private readonly owners = new Map<string, StreamOwner>();
  private readonly relied = new Map<string, { head: string | null; facts: LoggedFact[]; evidence: Set<string> }>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  visibility(engagementId: string, scope: EngagementScope): EventVisibility {
    const streamVisible = async (stream: string) => concernsEngagement(await this.ownerOf(stream), scope);
    return {
      key: `engagement:${engagementId}`,
      streamVisible: async (stream) => (await streamVisible(stream)) || (stream.startsWith('evidence-') && (await this.evidence(engagementId, scope)).has(stream.slice('evidence-'.length))),
      visible: async (event) => {
        // The record of a file the engagement relies on describes what the auditor may download, whenever it was stored.
        if (event.type === 'EvidenceStored') return (await this.evidence(engagementId, scope)).has(String(event.data.sha256));
        return inWindow(businessDayOf(event), scope) && streamVisible(event.stream);
      },
    };
  }

  /**
   * The evidence files the engagement's facts rely on. The facts that cite
   * files are gathered once, then only the events appended since are read
   * whenever the log's head has moved.
   */
  async evidence(engagementId: string, scope: EngagementScope): Promise<Set<string>> {
    const head = await this.store.headPosition();
    const known = this.relied.get(engagementId) ?? { head: null, facts: [], evidence: new Set<string>() };
    if (known.head === head || head === null) return known.evidence;
    const fromPosition = known.head === null ? undefined : String(BigInt(known.head) + 1n);
    const facts = [...known.facts];
    for await (const event of this.store.readAll({ categories: RELYING, fromPosition, toPosition: head })) {
      // In log order, a stream's first event comes before the others: its owner is known when they arrive.
      if (event.revision === 0 && ownerByName(event.stream) === null) this.remember(event.stream, ownerByFirstEvent(event));
      if (citesEvidence(event) && concernsEngagement(await this.ownerOf(event.stream), scope)) facts.push(event);
    }
    const evidence = evidenceRelied(facts, scope);
    this.relied.set(engagementId, { head, facts, evidence });
    return evidence;
  }

  private async ownerOf(stream: string): Promise<StreamOwner> {
    const byName = ownerByName(stream);
    if (byName !== null) return byName;
    const known = this.owners.get(stream);
    if (known) return known;
    for await (const first of this.store.readStream(stream, { maxCount: 1 })) {
      const owner = ownerByFirstEvent(first);
      this.remember(stream, owner);
      return owner;
    }
    // Not remembered: the stream may yet be opened.
    return 'hidden';
  }

  private remember(stream: string, owner: StreamOwner): void {
    if (this.owners.size >= KNOWN_OWNERS) this.owners.clear();
    this.owners.set(stream, owner);
  }
}
