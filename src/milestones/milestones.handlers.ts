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
    if (command.kind !== 'RecordMilestone') await this.runner.loadExisting(milestoneDecider, stream, `milestone ${milestoneId}`);
    return this.runner.run(milestoneDecider, stream, command, context, milestoneId, command.kind === 'RecordMilestone');
  }
}
