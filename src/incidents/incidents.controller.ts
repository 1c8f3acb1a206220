import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Records } from '../auth/roles';
import { Ctx, type CommandContext } from '../command-side/command-context';
import type { CommandResult } from '../command-side/command-runner';
import { IdGenerator } from '../shared/ids';
import { AttachPostmortemDto, ContainIncidentDto, CorrectIncidentDto, DetectIncidentDto, ResolveIncidentDto, SendNotificationDto, WaiveNotificationDto } from './incidents.commands';
import { OBLIGATIONS, type Obligation } from './incidents.events';
import { invalid } from '../shared/errors';
import type { IncidentCommand } from './incidents.decider';
import { IncidentCommandMessage } from './incidents.handlers';
import { CommandRoutes } from '../command-side/command-answer.interceptor';
import { ApiCommand } from '../openapi/operations';

@ApiTags('incidents')
@ApiBearerAuth()
@CommandRoutes()
@Controller('incidents')
export class IncidentsController {
  constructor(private readonly bus: CommandBus, private readonly ids: IdGenerator) {}

  private send(id: string, command: IncidentCommand, context: CommandContext): Promise<CommandResult> {
    return this.bus.execute(new IncidentCommandMessage(id, command, context));
  }

  @ApiCommand('Record a detected incident')
  @Post()
  @Records()
  detect(@Body() body: DetectIncidentDto, @Ctx() ctx: CommandContext) {
    const id = this.ids.next();
    return this.send(id, { kind: 'DetectIncident', incidentId: id, ...body }, ctx);
  }

  @ApiCommand('Record a notification sent about an incident')
  @Post(':id/notifications')
  @Records()
  notify(@Param('id') id: string, @Body() { kind, ...body }: SendNotificationDto, @Ctx() ctx: CommandContext) {
    return this.send(id, { kind: 'SendNotification', notificationKind: kind, ...body }, ctx);
  }

  @ApiCommand('Record that an incident is contained')
  @Post(':id/contain')
  @Records()
  contain(@Param('id') id: string, @Body() body: ContainIncidentDto, @Ctx() ctx: CommandContext) {
    return this.send(id, { kind: 'ContainIncident', ...body }, ctx);
  }

  @ApiCommand('Record that an incident is resolved')
  @Post(':id/resolve')
  @Records()
  resolve(@Param('id') id: string, @Body() body: ResolveIncidentDto, @Ctx() ctx: CommandContext) {
    return this.send(id, { kind: 'ResolveIncident', ...body }, ctx);
  }

  @ApiCommand('Attach a post-mortem to an incident')
  @Post(':id/postmortem')
  @Records()
  postmortem(@Param('id') id: string, @Body() body: AttachPostmortemDto, @Ctx() ctx: CommandContext) {
    return this.send(id, { kind: 'AttachPostmortem', ...body }, ctx);
  }

  @ApiCommand('Record that a notification of an incident is not owed, with its legal basis')
  @Post(':id/notifications/:obligation/waive')
  @Records()
  waive(@Param('id') id: string, @Param('obligation') obligation: string, @Body() body: WaiveNotificationDto, @Ctx() ctx: CommandContext) {
    if (!(OBLIGATIONS as readonly string[]).includes(obligation)) throw invalid('obligation', `must be one of ${OBLIGATIONS.join(', ')}`);
    return this.send(id, { kind: 'WaiveNotification', obligation: obligation as Obligation, ...body }, ctx);
  }

  @ApiCommand('Set right a business instant of an incident')
  @Post(':id/corrections')
  @Records()
  correct(@Param('id') id: string, @Body() body: CorrectIncidentDto, @Ctx() ctx: CommandContext) {
    return this.send(id, { kind: 'CorrectIncident', ...body }, ctx);
  }
}
