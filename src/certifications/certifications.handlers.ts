import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner, type CommandResult } from '../command-side/command-runner';
import type { CommandContext } from '../command-side/command-context';
import { FrameworkCatalog } from '../controls/framework-catalog';
import { invalid } from '../shared/errors';
import { certificationDecider, type CertificationCommand } from './certifications.decider';
import { certificationStream } from './certifications.events';

export class CertificationCommandMessage {
  constructor(readonly certificationId: string, readonly command: CertificationCommand, readonly context: CommandContext) {}
}

@CommandHandler(CertificationCommandMessage)
export class CertificationHandler implements ICommandHandler<CertificationCommandMessage, CommandResult> {
  constructor(private readonly runner: CommandRunner, private readonly catalog: FrameworkCatalog) {}

  async execute({ certificationId, command, context }: CertificationCommandMessage): Promise<CommandResult> {
    const stream = certificationStream(certificationId);
    const files = command.kind === 'FileApplication';
    if (files && !this.catalog.has(command.framework)) throw invalid('framework', `${command.framework} is not in the catalog (GET /frameworks)`);
    return this.runner.run({
      decider: certificationDecider,
      stream,
      command,
      context,
      id: certificationId,
      startsStream: files,
      existing: files ? undefined : `certification ${certificationId}`,
    });
  }
}
