import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CertificationLookup } from '../certifications/certification-lookup';
import { CommandRunner, type CommandResult } from '../command-side/command-runner';
import type { CommandContext } from '../command-side/command-context';
import { EvidenceLookup } from '../evidence/evidence-lookup';
import { FrameworkCatalog } from '../controls/framework-catalog';
import { auditDecider, type AuditCommand, type AuditState } from './audits.decider';
import { auditStream } from './audits.events';

export class AuditCommandMessage {
  constructor(readonly auditId: string, readonly command: AuditCommand, readonly context: CommandContext) {}
}

@CommandHandler(AuditCommandMessage)
export class AuditHandler implements ICommandHandler<AuditCommandMessage, CommandResult> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly certifications: CertificationLookup,
    private readonly catalog: FrameworkCatalog,
    private readonly evidence: EvidenceLookup,
  ) {}

  async execute({ auditId, command: request, context }: AuditCommandMessage): Promise<CommandResult> {
    const stream = auditStream(auditId);
    const command = request.kind === 'CorrectFinding' ? { ...request, cited: await this.remediationEvidence(stream, request.findingId) } : request;
    const plans = command.kind === 'PlanAudit';
    if (command.kind === 'PlanAudit') await this.certifications.get(command.certificationId);
    const check = async (state: AuditState) => {
      // Evidence must have been in effect on the day of the remediation or of the report.
      if (command.kind === 'RecordRemediation') await this.evidence.requireInEffectOn(command.evidence, 'evidence', command.on);
      if (command.kind === 'CompleteAudit' && command.report) await this.evidence.requireInEffectOn([command.report], 'report', command.on);
      // A finding names a requirement of the framework of the audit's certification.
      if (command.kind === 'RaiseFinding') {
        const { framework } = await this.certifications.get(state.certificationId);
        this.catalog.requirement(framework, command.requirement, 'requirement');
      }
    };
    // A new finding answers with its own id, as a new audit does.
    const id = command.kind === 'RaiseFinding' || command.kind === 'CorrectFinding' ? command.findingId : auditId;
    return this.runner.run({ decider: auditDecider, stream, command, context, id, startsStream: plans, existing: plans ? undefined : `audit ${auditId}`, check });
  }

  /** When the evidence of a finding's latest remediation took effect: a corrected remediation day is checked against it. */
  private async remediationEvidence(stream: string, findingId: string) {
    const { state } = await this.runner.load(auditDecider, stream);
    return this.evidence.effectiveDates(state.findings[findingId]?.remediationEvidence);
  }
}
