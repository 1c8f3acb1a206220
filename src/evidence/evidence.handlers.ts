import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner, type CommandResult } from '../command-side/command-runner';
import type { CommandContext } from '../command-side/command-context';
import { evidenceDecider, type EvidenceCommand } from './evidence.decider';
import { evidenceStream } from './evidence.events';

export class StoreEvidenceMessage {
  constructor(readonly command: EvidenceCommand, readonly context: CommandContext) {}
}

/** Records stored bytes once they are durable on disk; a second store of the same bytes records nothing. */
@CommandHandler(StoreEvidenceMessage)
export class StoreEvidenceHandler implements ICommandHandler<StoreEvidenceMessage, CommandResult> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ command, context }: StoreEvidenceMessage): Promise<CommandResult> {
    return this.runner.run(evidenceDecider, evidenceStream(command.sha256), command, context, command.sha256);
  }
}
