import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner, type CommandResult } from '../command-side/command-runner';
import type { CommandContext } from '../command-side/command-context';
import { evidenceDecider, type EvidenceState } from './evidence.decider';
import { evidenceStream, type EvidenceStoredData } from './evidence.events';
import type { ReceivedUpload } from './evidence-upload';

export class StoreEvidenceMessage {
  constructor(readonly upload: ReceivedUpload, readonly context: CommandContext) {}
}

/** The evidence as recorded, and where the command left its stream. */
export type StoreEvidenceResult = EvidenceStoredData & CommandResult;

@CommandHandler(StoreEvidenceMessage)
export class StoreEvidenceHandler implements ICommandHandler<StoreEvidenceMessage, StoreEvidenceResult> {
  constructor(private readonly runner: CommandRunner) {}

  /**
   * Runs once the file is durable at its content address. Should the append
   * fail, the file stays: it is named by its content, cited by nothing, and
   * the next upload of the same bytes records it.
   */
  async execute({ upload, context }: StoreEvidenceMessage): Promise<StoreEvidenceResult> {
    const { sha256, size, mediaType, name, fields } = upload;
    const stream = evidenceStream(sha256);
    const details = { effectiveOn: fields.effectiveOn ?? null, validUntil: fields.validUntil ?? null, description: fields.description ?? null };
    const command = { kind: 'StoreEvidence', sha256, size, mediaType, name, ...details } as const;
    // The answer describes the evidence as recorded: by this command, or by the first upload of the same bytes.
    const answer = ({ stored: _, ...recorded }: EvidenceState) => recorded;
    return (await this.runner.run({ decider: evidenceDecider, stream, command, context, answer })) as StoreEvidenceResult;
  }
}
