import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
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
  @Post('entities')
  @Records()
  @ApiCreatedResponse({ description: 'Recorded in stream sovereignty-structure; `id` is the entity id' })
  register(@Body() body: RegisterEntityDto, @Ctx() ctx: CommandContext) {
    return this.send(body.entityId, { kind: 'RegisterEntity', ...body }, ctx);
  }

  /** The entity's registered office, central administration or main establishment moves, from `on`. */
  @Post('entities/:entityId/relocation')
  @Records()
  relocate(@Param('entityId') entityId: string, @Body() body: RelocateEntityDto, @Ctx() ctx: CommandContext) {
    return this.send(entityId, { kind: 'RelocateEntity', entityId, ...body }, ctx);
  }

  /** What `holder` holds of `of` from `on`: percentages of capital and of voting rights; 0 and 0 end it. */
  @Post('holdings')
  @Records()
  hold(@Body() body: RecordHoldingDto, @Ctx() ctx: CommandContext) {
    return this.send(`${body.holder}/${body.of}`, { kind: 'RecordHolding', ...body }, ctx);
  }

  /** A right of control granted by contract or statutes (veto, appointment of directors, approval of budgets). */
  @Post('control-rights')
  @Records()
  grant(@Body() { kind, ...body }: GrantControlRightDto, @Ctx() ctx: CommandContext) {
    const id = this.ids.next();
    return this.send(id, { kind: 'GrantControlRight', controlRightId: id, rightKind: kind, ...body }, ctx);
  }

  @Post('control-rights/:id/end')
  @Records()
  end(@Param('id') id: string, @Body() body: EndControlRightDto, @Ctx() ctx: CommandContext) {
    return this.send(id, { kind: 'EndControlRight', controlRightId: id, ...body }, ctx);
  }

  /** A third party that can technically reach customer data or operate the service (19.6.c–d). */
  @Post('access')
  @Records()
  access(@Body() body: RecordAccessPathDto, @Ctx() ctx: CommandContext) {
    const id = this.ids.next();
    return this.send(id, { kind: 'RecordAccessPath', accessId: id, ...body }, ctx);
  }

  /** Where data is kept or support is given, from `from` to `to` (19.2). */
  @Post('locations')
  @Records()
  location(@Body() { kind, ...body }: RecordLocationDto, @Ctx() ctx: CommandContext) {
    const id = this.ids.next();
    return this.send(id, { kind: 'RecordLocation', locationId: id, locationKind: kind, ...body }, ctx);
  }

  /** The customer notice that meets a 19.6.f obligation. */
  @Post('notices')
  @Records()
  notice(@Body() body: SendNoticeDto, @Ctx() ctx: CommandContext) {
    return this.send(body.obligation, { kind: 'SendNotice', ...body }, ctx);
  }

  /** A 19.6.f obligation customers need not be informed of, and why. */
  @Post('waivers')
  @Records()
  waive(@Body() body: WaiveNoticeDto, @Ctx() ctx: CommandContext) {
    return this.send(body.obligation, { kind: 'WaiveNotice', ...body }, ctx);
  }
}
