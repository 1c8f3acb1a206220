import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner, type CommandResult } from '../command-side/command-runner';
import type { CommandContext } from '../command-side/command-context';
import { sovereigntyDecider, type SovereigntyCommand } from './sovereignty.decider';
import { SOVEREIGNTY_STREAM } from './sovereignty.events';
import { ChangeLookup } from '../changes/change-lookup';
import { reviewNotice } from '../../projections/sovereignty/notices';

export class SovereigntyCommandMessage {
  /** `id`: what the answer names (the entity, right, access path, location or obligation). */
  constructor(readonly id: string, readonly command: SovereigntyCommand, readonly context: CommandContext) {}
}

/** Every fact goes to the one structure stream: the rules are checked against the whole structure at its revision. */
@CommandHandler(SovereigntyCommandMessage)
export class SovereigntyHandler implements ICommandHandler<SovereigntyCommandMessage, CommandResult> {
  constructor(private readonly runner: CommandRunner, private readonly changes: ChangeLookup) {}

  async execute({ id, command, context }: SovereigntyCommandMessage): Promise<CommandResult> {
    return this.runner.run({ decider: sovereigntyDecider, stream: SOVEREIGNTY_STREAM, command: await this.withReview(command), context, id });
  }

  /** A notice for `change-<id>` meets the obligation that change's review opened: read it from the change's stream. */
  private async withReview(command: SovereigntyCommand): Promise<SovereigntyCommand> {
    if ((command.kind !== 'SendNotice' && command.kind !== 'WaiveNotice') || !command.obligation.startsWith('change-')) return command;
    const changeId = command.obligation.slice('change-'.length);
    const change = await this.changes.find(changeId);
    const review = change?.review;
    const opened = review ? reviewNotice({ changeId, decision: review.decision, reviewedAt: review.reviewedAt, accessPath: review.accessPath ?? undefined }) : null;
    return { ...command, opened };
  }
}
