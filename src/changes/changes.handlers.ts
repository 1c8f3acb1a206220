import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner, type CommandResult } from '../command-side/command-runner';
import type { CommandContext } from '../command-side/command-context';
import { changeDecider, type ChangeCommand } from './changes.decider';
import { changeStream } from './changes.events';
import { AccessPathLookup } from '../sovereignty/access-path-lookup';

export class ChangeCommandMessage {
  constructor(readonly changeId: string, readonly command: ChangeCommand, readonly context: CommandContext) {}
}

@CommandHandler(ChangeCommandMessage)
export class ChangeHandler implements ICommandHandler<ChangeCommandMessage, CommandResult> {
  constructor(private readonly runner: CommandRunner, private readonly access: AccessPathLookup) {}

  async execute({ changeId, command, context }: ChangeCommandMessage): Promise<CommandResult> {
    // A review citing the access register must cite a path recorded there.
    if (command.kind === 'ReviewChange' && command.accessPath?.accessId !== undefined) await this.access.require(command.accessPath.accessId, 'accessPath.accessId');
    const stream = changeStream(changeId);
    const receives = command.kind === 'ReceiveChange';
    return this.runner.run({ decider: changeDecider, stream, command, context, id: changeId, startsStream: receives, existing: receives ? undefined : `change ${changeId}` });
  }
}
