import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner, type CommandResult } from '../command-side/command-runner';
import type { CommandContext } from '../command-side/command-context';
import { notFound } from '../shared/errors';
import { formatSignature, parseNote } from './note';
import { TransparencyLog } from './transparency-log';
import { witnessDecider } from './witnesses.decider';
import { WITNESSES_STREAM } from './witnesses.events';

export type WitnessRequest =
  | { kind: 'RegisterWitness'; name: string; publicKeyPem: string }
  | { kind: 'RecordCosignature'; cosignature: string; treeSize: number };

export class WitnessCommandMessage {
  constructor(readonly request: WitnessRequest, readonly context: CommandContext) {}
}

@CommandHandler(WitnessCommandMessage)
export class WitnessHandler implements ICommandHandler<WitnessCommandMessage, CommandResult> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly log: TransparencyLog,
  ) {}

  async execute({ request, context }: WitnessCommandMessage): Promise<CommandResult> {
    if (request.kind === 'RegisterWitness') return this.runner.run({ decider: witnessDecider, stream: WITNESSES_STREAM, command: request, context });
    const checkpoint = this.log.tree.checkpointAt(request.treeSize);
    if (!checkpoint) throw notFound(`no checkpoint of size ${request.treeSize} was issued`, { field: 'treeSize' });
    const command = { ...request, checkpointText: parseNote(checkpoint.note).text };
    const result = await this.runner.run({ decider: witnessDecider, stream: WITNESSES_STREAM, command, context });
    // Served with the checkpoint at once; the tree's follower records it again from the event, so a rebuild keeps it.
    const [signature] = parseNote(`x\n\n${request.cosignature.trimEnd()}\n`).signatures;
    this.log.tree.recordCosignature(request.treeSize, signature.name, formatSignature(signature));
    return result;
  }
}
