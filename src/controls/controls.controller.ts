import { Body, Controller, Param, Post, Put, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Records } from '../auth/roles';
import { Ctx, type CommandContext } from '../command-side/command-context';
import type { CommandResult } from '../command-side/command-runner';
import { IdGenerator } from '../shared/ids';
import { CorrectCheckDto, RecordCheckDto, StateApplicabilityDto } from './controls.commands';
import { ControlCommandMessage, type ControlRequest } from './controls.handlers';
import { CommandRoutes } from '../command-side/command-answer.interceptor';
import { ApiCommand } from '../openapi/operations';

@ApiTags('controls')
@ApiBearerAuth()
@CommandRoutes()
@Controller('certifications/:id/requirements/:ref')
export class ControlsController {
  constructor(private readonly bus: CommandBus, private readonly ids: IdGenerator) {}

  private send(request: ControlRequest, context: CommandContext): Promise<CommandResult> {
    return this.bus.execute(new ControlCommandMessage(request, context));
  }

  /** Idempotent: 201 when the statement changed and was recorded, 200 when it was already on record. */
  @ApiCommand('State whether a requirement applies', { status: 201, description: 'The statement changed and was recorded', also: { status: 200, description: 'Already on record: nothing appended' } })
  @Put('applicability')
  @Records()
  async stateApplicability(
    @Param('id') certificationId: string,
    @Param('ref') ref: string,
    @Body() body: StateApplicabilityDto,
    @Ctx() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.send({ kind: 'StateApplicability', certificationId, ref, ...body }, ctx);
    void reply.status(result.eventIds.length > 0 ? 201 : 200);
    return result;
  }

  @ApiCommand('Record a control check of a requirement')
  @Post('checks')
  @Records()
  recordCheck(@Param('id') certificationId: string, @Param('ref') ref: string, @Body() body: RecordCheckDto, @Ctx() ctx: CommandContext) {
    return this.send({ kind: 'RecordCheck', certificationId, ref, checkId: this.ids.next(), ...body }, ctx);
  }

  @ApiCommand('Set right the date a control check was performed')
  @Post('checks/:checkId/corrections')
  @Records()
  correctCheck(
    @Param('id') certificationId: string,
    @Param('ref') ref: string,
    @Param('checkId') checkId: string,
    @Body() body: CorrectCheckDto,
    @Ctx() ctx: CommandContext,
  ) {
    return this.send({ kind: 'CorrectCheck', certificationId, ref, checkId, ...body }, ctx);
  }
}
