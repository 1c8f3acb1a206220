import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Records } from '../auth/roles';
import { Ctx, type CommandContext } from '../command-side/command-context';
import type { CommandResult } from '../command-side/command-runner';
import { IdGenerator } from '../shared/ids';
import { DatedReasonDto, FileApplicationDto, GrantDto, RecordStepDto, RenewDto } from './certifications.commands';
import { CertificationCommandMessage } from './certifications.handlers';
import type { CertificationCommand } from './certifications.decider';
import { CommandRoutes } from '../command-side/command-answer.interceptor';
import { ApiCommand } from '../openapi/operations';

@ApiTags('certifications')
@ApiBearerAuth()
@CommandRoutes()
@Controller('certifications')
export class CertificationsController {
  constructor(private readonly bus: CommandBus, private readonly ids: IdGenerator) {}

  private send(id: string, command: CertificationCommand, context: CommandContext): Promise<CommandResult> {
    return this.bus.execute(new CertificationCommandMessage(id, command, context));
  }

  @ApiCommand('File a certification application')
  @Post()
  @Records()
  file(@Body() body: FileApplicationDto, @Ctx() ctx: CommandContext) {
    const id = this.ids.next();
    return this.send(id, { kind: 'FileApplication', certificationId: id, ...body }, ctx);
  }

  @ApiCommand('Record a step (J0 to J3) of a certification')
  @Post(':id/steps')
  @Records()
  step(@Param('id') id: string, @Body() body: RecordStepDto, @Ctx() ctx: CommandContext) {
    return this.send(id, { kind: 'RecordStep', ...body }, ctx);
  }

  @ApiCommand('Grant a certification')
  @Post(':id/grant')
  @Records()
  grant(@Param('id') id: string, @Body() body: GrantDto, @Ctx() ctx: CommandContext) {
    return this.send(id, { kind: 'Grant', ...body }, ctx);
  }

  @ApiCommand('Suspend a certification')
  @Post(':id/suspend')
  @Records()
  suspend(@Param('id') id: string, @Body() body: DatedReasonDto, @Ctx() ctx: CommandContext) {
    return this.send(id, { kind: 'Suspend', ...body }, ctx);
  }

  @ApiCommand('Renew a certification')
  @Post(':id/renew')
  @Records()
  renew(@Param('id') id: string, @Body() body: RenewDto, @Ctx() ctx: CommandContext) {
    return this.send(id, { kind: 'Renew', ...body }, ctx);
  }

  @ApiCommand('Withdraw a certification')
  @Post(':id/withdraw')
  @Records()
  withdraw(@Param('id') id: string, @Body() body: DatedReasonDto, @Ctx() ctx: CommandContext) {
    return this.send(id, { kind: 'Withdraw', ...body }, ctx);
  }
}
