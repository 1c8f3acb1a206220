import { Body, Controller, Get, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from './roles';
import { Ctx, type CommandContext } from '../command-side/command-context';
import { EVENT_STORE, type EventStore } from '../event-store/event-store';
import { ApiIssuesSecret, ApiItem } from '../openapi/operations';
import { Clock } from '../shared/clock';
import { notFound } from '../shared/errors';
import { statusOf } from './token-life';
import { recordRotation } from './token-events';
import { TokenStore } from './token-store';
import { RotateTokenDto } from './tokens.commands';
import { TokenList, TokenRotation } from './tokens.schemas';

/** Token administration over HTTP; `npx confiance token` does the same on the server's machine. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('tokens')
export class TokensController {
  constructor(
    private readonly tokens: TokenStore,
    private readonly clock: Clock,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @ApiItem('List tokens, without their secrets', TokenList)
  @Get()
  @AdminOnly()
  list() {
    const now = this.clock.now();
    return { items: this.tokens.list().map((token) => ({ ...token, status: statusOf(token, now) })) };
  }

  /** The old secret keeps working for graceHours; both facts are recorded in the log (TokenIssued, TokenRevoked). */
  @ApiIssuesSecret('Rotate a token: a new secret, the old one revoked after a grace period', TokenRotation, 'The new token, shown only here', [404, 409])
  @Post(':id/rotate')
  @AdminOnly()
  async rotate(@Param('id') id: string, @Body() body: RotateTokenDto, @Ctx() context: CommandContext) {
    const old = this.tokens.get(id);
    const rotation = old && this.tokens.rotate(id, this.clock.now(), body.graceHours, body.expiresInDays);
    if (!old || !rotation) throw notFound(`token ${id} not found`, { field: 'id' });
    await recordRotation(this.store, old, rotation, { actor: context.actor, correlationId: context.correlationId });
    return { id: rotation.issued.id, token: rotation.issued.token, expiresAt: rotation.issued.expiresAt, replaced: rotation.replaced };
  }
}
