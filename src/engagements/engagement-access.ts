import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../event-store/event-store';
import { CommandRunner } from '../command-side/command-runner';
import { EngagementDirectory, type EngagementScope } from '../auth/engagement-policy';
import type { Principal } from '../auth/roles';
import { engagementDecider } from './engagements.decider';
import { engagementStream, type EngagementTerms } from './engagements.events';
import { EngagementLog, type EventVisibility } from './engagement-log';

/** Engagements as the guard reads them: from their streams, kept once opened (their terms never change). */
@Injectable()
export class EngagementAccess extends EngagementDirectory {
  private readonly opened = new Map<string, EngagementScope>();
  /** Engagements by auditor as of the log's head, for provider sign-ins. */
  private byAuditor: { head: string | null; all: Map<string, { engagementId: string; scope: EngagementScope }[]> } | null = null;

  constructor(
    private readonly runner: CommandRunner,
    private readonly log: EngagementLog,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {
    super();
  }

  async scopeOf(engagementId: string): Promise<EngagementScope | null> {
    const known = this.opened.get(engagementId);
    if (known) return known;
    const { state } = await this.runner.load(engagementDecider, engagementStream(engagementId));
    if (!state.opened) return null;
    this.opened.set(engagementId, state);
    return state;
  }

  async engagementsOf(auditor: string): Promise<{ engagementId: string; scope: EngagementScope }[]> {
    const head = await this.store.headPosition();
    if (this.byAuditor?.head !== head) {
      const all = new Map<string, { engagementId: string; scope: EngagementScope }[]>();
      for await (const event of this.store.readAll({ categories: ['engagement'], types: ['EngagementOpened'], toPosition: head ?? undefined })) {
        const terms = event.data as unknown as EngagementTerms;
        all.set(terms.auditor, [...(all.get(terms.auditor) ?? []), { engagementId: terms.engagementId, scope: terms }]);
      }
      this.byAuditor = { head, all };
    }
    return this.byAuditor.all.get(auditor) ?? [];
  }

  async reliesOn(engagementId: string, sha256: string): Promise<boolean> {
    const scope = await this.scopeOf(engagementId);
    return scope !== null && (await this.log.evidence(engagementId, scope)).has(sha256);
  }

  /** What the caller may see of the log: null for full access, the engagement's facts for a token bound to one. */
  async visibilityFor(principal: Principal | undefined): Promise<EventVisibility | null> {
    if (!principal?.engagementId) return null;
    const scope = await this.scopeOf(principal.engagementId);
    // The guard has refused ended or unknown engagements already; nothing is shown if one slips through.
    if (!scope) return { key: `engagement:${principal.engagementId}`, streamVisible: async () => false, visible: async () => false };
    return this.log.visibility(principal.engagementId, scope);
  }
}
