import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CertificationLookup } from '../certifications/certification-lookup';
import { CommandRunner, type CommandResult } from '../command-side/command-runner';
import type { CommandContext } from '../command-side/command-context';
import { EvidenceLookup } from '../evidence/evidence-lookup';
import { Clock } from '../shared/clock';
import { incidentDecider, type IncidentCommand } from './incidents.decider';
import { incidentStream } from './incidents.events';

export class IncidentCommandMessage {
  constructor(readonly incidentId: string, readonly command: IncidentCommand, readonly context: CommandContext) {}
}

@CommandHandler(IncidentCommandMessage)
export class IncidentHandler implements ICommandHandler<IncidentCommandMessage, CommandResult> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly certifications: CertificationLookup,
    private readonly evidence: EvidenceLookup,
    private readonly clock: Clock,
  ) {}

  async execute({ incidentId, command, context }: IncidentCommandMessage): Promise<CommandResult> {
    const stream = incidentStream(incidentId);
    if (command.kind === 'DetectIncident') {
      if (command.certificationId !== undefined) await this.certifications.get(command.certificationId);
    } else {
      await this.runner.loadExisting(incidentDecider, stream, `incident ${incidentId}`);
      // The dossier cites the post-mortem by its hash: it must lead to a stored file.
      // A post-mortem is dated by its attachment: the document must be in effect by then.
      if (command.kind === 'AttachPostmortem') await this.evidence.requireInEffectOn([command.evidence], 'evidence', this.clock.now().toISOString());
    }
    return this.runner.run(incidentDecider, stream, command, context, incidentId, command.kind === 'DetectIncident');
  }
}
