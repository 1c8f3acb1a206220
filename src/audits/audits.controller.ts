import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Records } from '../auth/roles';
import { Ctx, type CommandContext } from '../command-side/command-context';
import type { CommandResult } from '../command-side/command-runner';
import { IdGenerator } from '../shared/ids';
import { CloseFindingDto, CompleteAuditDto, CorrectFindingDto, PlanAuditDto, RaiseFindingDto, RecordRemediationDto, StartAuditDto } from './audits.commands';
import { AuditCommandMessage } from './audits.handlers';
import type { AuditCommand } from './audits.decider';
import { CommandRoutes } from '../command-side/command-answer.interceptor';
import { ApiCommand } from '../openapi/operations';

@ApiTags('audits')
@ApiBearerAuth()
@CommandRoutes()
@Controller('audits')
export class AuditsController {
  constructor(private readonly bus: CommandBus, private readonly ids: IdGenerator) {}

  private send(id: string, command: AuditCommand, context: CommandContext): Promise<CommandResult> {
    return this.bus.execute(new AuditCommandMessage(id, command, context));
  }

  @ApiCommand('Plan an audit')
  @Post()
  @Records()
  plan(@Body() { kind, ...body }: PlanAuditDto, @Ctx() ctx: CommandContext) {
    const id = this.ids.next();
    return this.send(id, { kind: 'PlanAudit', auditId: id, auditKind: kind, ...body }, ctx);
  }

  @ApiCommand('Start an audit')
  @Post(':id/start')
  @Records()
  start(@Param('id') id: string, @Body() body: StartAuditDto, @Ctx() ctx: CommandContext) {
    return this.send(id, { kind: 'StartAudit', ...body }, ctx);
  }

  @ApiCommand('Raise a finding in an audit')
  @Post(':id/findings')
  @Records()
  raise(@Param('id') id: string, @Body() body: RaiseFindingDto, @Ctx() ctx: CommandContext) {
    return this.send(id, { kind: 'RaiseFinding', findingId: this.ids.next(), ...body }, ctx);
  }

  @ApiCommand('Record a remediation of a finding')
  @Post(':id/findings/:findingId/remediation')
  @Records()
  remediate(@Param('id') id: string, @Param('findingId') findingId: string, @Body() body: RecordRemediationDto, @Ctx() ctx: CommandContext) {
    return this.send(id, { kind: 'RecordRemediation', findingId, ...body }, ctx);
  }

  @ApiCommand('Set right a business date of a finding')
  @Post(':id/findings/:findingId/corrections')
  @Records()
  correctFinding(@Param('id') id: string, @Param('findingId') findingId: string, @Body() body: CorrectFindingDto, @Ctx() ctx: CommandContext) {
    return this.send(id, { kind: 'CorrectFinding', findingId, ...body }, ctx);
  }

  @ApiCommand('Close a finding')
  @Post(':id/findings/:findingId/close')
  @Records()
  close(@Param('id') id: string, @Param('findingId') findingId: string, @Body() body: CloseFindingDto, @Ctx() ctx: CommandContext) {
    return this.send(id, { kind: 'CloseFinding', findingId, ...body }, ctx);
  }

  @ApiCommand('Complete an audit with its verdict')
  @Post(':id/complete')
  @Records()
  complete(@Param('id') id: string, @Body() body: CompleteAuditDto, @Ctx() ctx: CommandContext) {
    return this.send(id, { kind: 'CompleteAudit', ...body }, ctx);
  }
}
