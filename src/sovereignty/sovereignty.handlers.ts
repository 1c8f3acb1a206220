import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner, type CommandResult } from '../command-side/command-runner';
import type { CommandContext } from '../command-side/command-context';
import { sovereigntyDecider, type SovereigntyCommand } from './sovereignty.decider';
import { SOVEREIGNTY_STREAM } from './sovereignty.events';

export class SovereigntyCommandMessage {
  /** `id`: what the answer names (the entity, right, access path, location or obligation). */
  constructor(readonly id: string, readonly command: SovereigntyCommand, readonly context: CommandContext) {}
}

/** Every fact goes to the one structure stream: the rules are checked against the whole structure at its revision. */
@CommandHandler(SovereigntyCommandMessage)
export class SovereigntyHandler implements ICommandHandler<SovereigntyCommandMessage, CommandResult> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ id, command, context }: SovereigntyCommandMessage): Promise<CommandResult> {
    return this.runner.run({ decider: sovereigntyDecider, stream: SOVEREIGNTY_STREAM, command, context, id });
  }
}
