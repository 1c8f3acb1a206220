import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner, type CommandResult } from '../command-side/command-runner';
import type { CommandContext } from '../command-side/command-context';
import { CertificationLookup } from '../certifications/certification-lookup';
import { engagementDecider, type EngagementCommand } from './engagements.decider';
import { engagementStream } from './engagements.events';

export class OpenEngagement {
  constructor(readonly command: EngagementCommand, readonly context: CommandContext) {}
}

@CommandHandler(OpenEngagement)
export class OpenEngagementHandler implements ICommandHandler<OpenEngagement, CommandResult> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly certifications: CertificationLookup,
  ) {}

  async execute({ command, context }: OpenEngagement): Promise<CommandResult> {
    // An engagement names certifications that exist: 404 naming the first that does not.
    for (const id of command.certificationIds) await this.certifications.get(id);
    const stream = engagementStream(command.engagementId);
    return this.runner.run({ decider: engagementDecider, stream, command, context, id: command.engagementId, startsStream: true });
  }
}
