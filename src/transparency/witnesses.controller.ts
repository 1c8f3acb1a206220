import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiCommand } from '../openapi/operations';
import { AdminOnly, Reads } from '../auth/roles';
import { CommandRoutes } from '../command-side/command-answer.interceptor';
import { Ctx, type CommandContext } from '../command-side/command-context';
import type { CommandResult } from '../command-side/command-runner';
import { RecordCosignatureDto, RegisterWitnessDto } from './witnesses.commands';
import { WitnessCommandMessage } from './witnesses.handlers';

/** Auditors' witnesses: registered by an admin, then cosigning checkpoints that extend the ones they saw. */
@ApiTags('transparency')
@ApiBearerAuth()
@CommandRoutes()
@Controller('transparency')
export class WitnessesController {
  constructor(private readonly bus: CommandBus) {}

  @ApiCommand('Register an auditor\'s witness', { description: 'The witness is registered (event WitnessRegistered); registering the same key again changes nothing' })
  @Post('witnesses')
  @AdminOnly()
  register(@Body() body: RegisterWitnessDto, @Ctx() ctx: CommandContext): Promise<CommandResult> {
    return this.bus.execute(new WitnessCommandMessage({ kind: 'RegisterWitness', name: body.name, publicKeyPem: body.publicKey }, ctx));
  }

  @ApiCommand('Record a witness\'s cosignature of a checkpoint', {
    description: 'The cosignature is checked against the registered witness key, recorded (event CheckpointCosigned) and served with the checkpoint',
  })
  @Post('cosignatures')
  @Reads()
  cosign(@Body() body: RecordCosignatureDto, @Ctx() ctx: CommandContext): Promise<CommandResult> {
    return this.bus.execute(new WitnessCommandMessage({ kind: 'RecordCosignature', treeSize: body.treeSize, cosignature: body.cosignature }, ctx));
  }
}
