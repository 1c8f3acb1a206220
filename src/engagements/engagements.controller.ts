import { Body, Controller, Get, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../auth/roles';
import { Ctx, type CommandContext } from '../command-side/command-context';
import { CommandRoutes } from '../command-side/command-answer.interceptor';
import type { CommandResult } from '../command-side/command-runner';
import { ApiCommand, ApiItem } from '../openapi/operations';
import { IdGenerator } from '../shared/ids';
import { AuditorReads } from './auditor-reads';
import { OpenEngagementDto } from './engagements.commands';
import { OpenEngagement } from './engagements.handlers';
import { AuditorReadList } from './engagements.schemas';

@ApiTags('admin')
@ApiBearerAuth()
@Controller()
export class EngagementsController {
  constructor(
    private readonly bus: CommandBus,
    private readonly ids: IdGenerator,
    private readonly reads: AuditorReads,
  ) {}

  /** Then `npx confiance token create --role auditor --subject <auditor> --engagement <id>` gives the auditor a token bound to it. */
  @ApiCommand('Open an engagement for an auditor', { description: 'The engagement is open (event EngagementOpened); `id` is the engagement id' })
  @CommandRoutes()
  @Post('engagements')
  @AdminOnly()
  open(@Body() body: OpenEngagementDto, @Ctx() context: CommandContext): Promise<CommandResult> {
    return this.bus.execute(new OpenEngagement({ kind: 'OpenEngagement', engagementId: this.ids.next(), ...body }, context));
  }

  @ApiItem('What auditors read, most recent first', AuditorReadList)
  @Get('auditor-reads')
  @AdminOnly()
  list() {
    return { items: this.reads.recent() };
  }
}
