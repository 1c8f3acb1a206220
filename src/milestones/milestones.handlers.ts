import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner, type CommandResult } from '../command-side/command-runner';
import type { CommandContext } from '../command-side/command-context';
import { milestoneDecider, type MilestoneCommand } from './milestones.decider';
import { milestoneStream } from './milestones.events';

export class MilestoneCommandMessage {
  constructor(readonly milestoneId: string, readonly command: MilestoneCommand, readonly context: CommandContext) {}
}

@CommandHandler(MilestoneCommandMessage)
export class MilestoneHandler implements ICommandHandler<MilestoneCommandMessage, CommandResult> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ milestoneId, command, context }: MilestoneCommandMessage): Promise<CommandResult> {
    const stream = milestoneStream(milestoneId);
    const records = command.kind === 'RecordMilestone';
    return this.runner.run({ decider: milestoneDecider, stream, command, context, id: milestoneId, startsStream: records, existing: records ? undefined : `milestone ${milestoneId}` });
  }
}
