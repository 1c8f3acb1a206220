import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiCommand } from '../openapi/operations';
import { Records } from '../auth/roles';
import { CommandRoutes } from '../command-side/command-answer.interceptor';
import { Ctx, type CommandContext } from '../command-side/command-context';
import type { CommandResult } from '../command-side/command-runner';
import { IdGenerator } from '../shared/ids';
import { EndControlRightDto, GrantControlRightDto, RecordHoldingDto, RegisterEntityDto, RelocateEntityDto } from './sovereignty.commands';
import { RecordAccessPathDto, RecordLocationDto, SendNoticeDto, WaiveNoticeDto } from './sovereignty-register.commands';
import type { SovereigntyCommand } from './sovereignty.decider';
import { SovereigntyCommandMessage } from './sovereignty.handlers';

@ApiTags('sovereignty')
@ApiBearerAuth()
@CommandRoutes()
@Controller('sovereignty')
export class SovereigntyController {
  constructor(private readonly bus: CommandBus, private readonly ids: IdGenerator) {}

  private send(id: string, command: SovereigntyCommand, context: CommandContext): Promise<CommandResult> {
    return this.bus.execute(new SovereigntyCommandMessage(id, command, context));
  }

  /** An entity of the ownership structure, the provider among them (exactly one), with where it is established. */
  @ApiCommand('Register an entity of the ownership structure', { description: 'Recorded in stream sovereignty-structure; `id` is the entity id' })
  @Post('entities')
  @Records()
  register(@Body() body: RegisterEntityDto, @Ctx() ctx: CommandContext) {
    return this.send(body.entityId, { kind: 'RegisterEntity', ...body }, ctx);
  }

  /** The entity's registered office, central administration or main establishment moves, from `on`. */
  @ApiCommand('Record that an entity is established elsewhere from a date', { description: 'Recorded in stream sovereignty-structure; `id` is the entity id' })
  @Post('entities/:entityId/relocation')
  @Records()
  relocate(@Param('entityId') entityId: string, @Body() body: RelocateEntityDto, @Ctx() ctx: CommandContext) {
    return this.send(entityId, { kind: 'RelocateEntity', entityId, ...body }, ctx);
  }

  /** What `holder` holds of `of` from `on`: percentages of capital and of voting rights; 0 and 0 end it. */
  @ApiCommand('Record what an entity holds of another from a date', { description: 'Recorded in stream sovereignty-structure; `id` is `holder/of`' })
  @Post('holdings')
  @Records()
  hold(@Body() body: RecordHoldingDto, @Ctx() ctx: CommandContext) {
    return this.send(`${body.holder}/${body.of}`, { kind: 'RecordHolding', ...body }, ctx);
  }

  /** A right of control granted by contract or statutes (veto, appointment of directors, approval of budgets). */
  @ApiCommand('Record a control right granted by contract or statutes', { description: 'Recorded in stream sovereignty-structure; `id` is the new control right id' })
  @Post('control-rights')
  @Records()
  grant(@Body() { kind, ...body }: GrantControlRightDto, @Ctx() ctx: CommandContext) {
    const id = this.ids.next();
    return this.send(id, { kind: 'GrantControlRight', controlRightId: id, rightKind: kind, ...body }, ctx);
  }

  @ApiCommand('Record the last day a control right applies', { description: 'Recorded in stream sovereignty-structure; `id` is the control right id' })
  @Post('control-rights/:id/end')
  @Records()
  end(@Param('id') id: string, @Body() body: EndControlRightDto, @Ctx() ctx: CommandContext) {
    return this.send(id, { kind: 'EndControlRight', controlRightId: id, ...body }, ctx);
  }

  /** A third party that can technically reach customer data or operate the service (19.6.c–d). */
  @ApiCommand('Record a third party that can reach data or operate the service', { description: 'Recorded in stream sovereignty-structure; `id` is the new access path id' })
  @Post('access')
  @Records()
  access(@Body() body: RecordAccessPathDto, @Ctx() ctx: CommandContext) {
    const id = this.ids.next();
    return this.send(id, { kind: 'RecordAccessPath', accessId: id, ...body }, ctx);
  }

  /** Where data is kept or support is given, from `from` to `to` (19.2). */
  @ApiCommand('Record where data is kept or support is given', { description: 'Recorded in stream sovereignty-structure; `id` is the new location id' })
  @Post('locations')
  @Records()
  location(@Body() { kind, ...body }: RecordLocationDto, @Ctx() ctx: CommandContext) {
    const id = this.ids.next();
    return this.send(id, { kind: 'RecordLocation', locationId: id, locationKind: kind, ...body }, ctx);
  }

  /** The customer notice that meets a 19.6.f obligation. */
  @ApiCommand('Record the customer notice that meets a 19.6.f obligation', { description: 'Recorded in stream sovereignty-structure; `id` is the obligation' })
  @Post('notices')
  @Records()
  notice(@Body() body: SendNoticeDto, @Ctx() ctx: CommandContext) {
    return this.send(body.obligation, { kind: 'SendNotice', ...body }, ctx);
  }

  /** A 19.6.f obligation customers need not be informed of, and why. */
  @ApiCommand('Record that customers need not be informed of a 19.6.f change', { description: 'Recorded in stream sovereignty-structure; `id` is the obligation' })
  @Post('waivers')
  @Records()
  waive(@Body() body: WaiveNoticeDto, @Ctx() ctx: CommandContext) {
    return this.send(body.obligation, { kind: 'WaiveNotice', ...body }, ctx);
  }
}
