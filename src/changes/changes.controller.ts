import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Records } from '../auth/roles';
import { Ctx, type CommandContext } from '../command-side/command-context';
import type { CommandResult } from '../command-side/command-runner';
import { IdGenerator } from '../shared/ids';
import { DeployChangeDto, ReceiveChangeDto, ReviewChangeDto } from './changes.commands';
import type { ChangeCommand } from './changes.decider';
import { ChangeCommandMessage } from './changes.handlers';
import { CommandRoutes } from '../command-side/command-answer.interceptor';
import { ApiCommand } from '../openapi/operations';

@ApiTags('changes')
@ApiBearerAuth()
@CommandRoutes()
@Controller('changes')
export class ChangesController {
  constructor(private readonly bus: CommandBus, private readonly ids: IdGenerator) {}

  private send(id: string, command: ChangeCommand, context: CommandContext): Promise<CommandResult> {
    return this.bus.execute(new ChangeCommandMessage(id, command, context));
  }

  @ApiCommand('Record an upstream change received')
  @Post()
  @Records()
  receive(@Body() body: ReceiveChangeDto, @Ctx() ctx: CommandContext) {
    const id = this.ids.next();
    return this.send(id, { kind: 'ReceiveChange', changeId: id, ...body }, ctx);
  }

  @ApiCommand('Review an upstream change')
  @Post(':id/review')
  @Records()
  review(@Param('id') id: string, @Body() body: ReviewChangeDto, @Ctx() ctx: CommandContext) {
    return this.send(id, { kind: 'ReviewChange', ...body }, ctx);
  }

  @ApiCommand('Record a deployment of a change')
  @Post(':id/deploy')
  @Records()
  deploy(@Param('id') id: string, @Body() { emergency, ...body }: DeployChangeDto, @Ctx() ctx: CommandContext) {
    return this.send(id, { kind: 'DeployChange', ...body, ...(emergency ? { emergency: { justification: emergency.justification } } : {}) }, ctx);
  }
}
