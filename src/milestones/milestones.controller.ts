import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Records } from '../auth/roles';
import { Ctx, type CommandContext } from '../command-side/command-context';
import type { CommandResult } from '../command-side/command-runner';
import { IdGenerator } from '../shared/ids';
import { AchieveMilestoneDto, RecordMilestoneDto, SlipMilestoneDto } from './milestones.commands';
import { MilestoneCommandMessage } from './milestones.handlers';
import type { MilestoneCommand } from './milestones.decider';
import { CommandRoutes } from '../command-side/command-answer.interceptor';
import { ApiCommand } from '../openapi/operations';

@ApiTags('milestones')
@ApiBearerAuth()
@CommandRoutes()
@Controller('milestones')
export class MilestonesController {
  constructor(private readonly bus: CommandBus, private readonly ids: IdGenerator) {}

  private send(id: string, command: MilestoneCommand, context: CommandContext): Promise<CommandResult> {
    return this.bus.execute(new MilestoneCommandMessage(id, command, context));
  }

  @ApiCommand('Record a milestone')
  @Post()
  @Records()
  record(@Body() { kind, ...body }: RecordMilestoneDto, @Ctx() ctx: CommandContext) {
    const id = this.ids.next();
    return this.send(id, { kind: 'RecordMilestone', milestoneId: id, milestoneKind: kind, ...body }, ctx);
  }

  @ApiCommand('Record that a milestone was achieved')
  @Post(':id/achieved')
  @Records()
  achieved(@Param('id') id: string, @Body() body: AchieveMilestoneDto, @Ctx() ctx: CommandContext) {
    return this.send(id, { kind: 'AchieveMilestone', ...body }, ctx);
  }

  @ApiCommand('Record that a milestone slipped')
  @Post(':id/slipped')
  @Records()
  slipped(@Param('id') id: string, @Body() body: SlipMilestoneDto, @Ctx() ctx: CommandContext) {
    return this.send(id, { kind: 'SlipMilestone', ...body }, ctx);
  }
}
