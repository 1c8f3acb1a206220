import { Injectable } from '@nestjs/common';
import { CommandRunner } from '../command-side/command-runner';
import { EngagementDirectory, type EngagementScope } from '../auth/engagement-policy';
import { engagementDecider } from './engagements.decider';
import { engagementStream } from './engagements.events';

/** Engagements as the guard reads them: from their streams, kept once opened (their terms never change). */
@Injectable()
export class EngagementAccess extends EngagementDirectory {
  private readonly opened = new Map<string, EngagementScope>();

  constructor(private readonly runner: CommandRunner) {
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
}
