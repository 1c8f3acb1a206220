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
    const detects = command.kind === 'DetectIncident';
    if (command.kind === 'DetectIncident' && command.certificationId !== undefined) await this.certifications.get(command.certificationId);
    // The dossier cites the post-mortem by its hash: it must lead to a stored file.
    // A post-mortem is dated by its attachment: the document must be in effect by then.
    const check = async () => {
      if (command.kind === 'AttachPostmortem') await this.evidence.requireInEffectOn([command.evidence], 'evidence', this.clock.now().toISOString());
    };
    const existing = detects ? undefined : `incident ${incidentId}`;
    return this.runner.run({ decider: incidentDecider, stream, command, context, id: incidentId, startsStream: detects, existing, check });
  }
}
