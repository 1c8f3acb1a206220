import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CertificationLookup } from '../certifications/certification-lookup';
import { CommandRunner, type CommandResult } from '../command-side/command-runner';
import type { CommandContext } from '../command-side/command-context';
import { controlDecider, type ControlCommand } from './controls.decider';
import { controlStream } from './controls.events';
import { EvidenceLookup } from '../evidence/evidence-lookup';
import { FrameworkCatalog } from './framework-catalog';

type Facts = 'framework' | 'certificationStatus' | 'cited';
/** A command as the controller knows it: the facts about the certification are looked up here. */
export type ControlRequest = ControlCommand extends infer C ? (C extends ControlCommand ? Omit<C, Facts> : never) : never;

export class ControlCommandMessage {
  constructor(readonly request: ControlRequest, readonly context: CommandContext) {}
}

@CommandHandler(ControlCommandMessage)
export class ControlHandler implements ICommandHandler<ControlCommandMessage, CommandResult> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly certifications: CertificationLookup,
    private readonly catalog: FrameworkCatalog,
    private readonly evidence: EvidenceLookup,
  ) {}

  async execute({ request, context }: ControlCommandMessage): Promise<CommandResult> {
    const { framework, status } = await this.certifications.get(request.certificationId);
    this.catalog.requirement(framework, request.ref, 'ref');
    // Evidence must have been in effect on the day the check was performed.
    if (request.kind === 'RecordCheck') await this.evidence.requireInEffectOn(request.evidence, 'evidence', request.performedAt);
    const stream = controlStream(request.certificationId, request.ref);
    // A corrected date is checked against when the evidence the check cites took effect.
    const cited = request.kind === 'CorrectCheck' ? await this.evidence.effectiveDates((await this.runner.load(controlDecider, stream)).state.checks[request.checkId]?.evidence) : [];
    const command = { ...request, framework, certificationStatus: status, cited } as ControlCommand;
    // A check answers with its own id; a statement of applicability is identified by the requirement itself.
    const answerId = command.kind === 'RecordCheck' || command.kind === 'CorrectCheck' ? command.checkId : undefined;
    return this.runner.run({ decider: controlDecider, stream, command, context, id: answerId });
  }
}
