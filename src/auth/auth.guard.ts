import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { DomainError, notFound } from '../shared/errors';
import { Clock } from '../shared/clock';
import { EngagementDirectory, engagementAllows, engagementValidAt, EVIDENCE_ROUTES } from './engagement-policy';
import { PUBLIC_KEY, ROLES_KEY, type Principal, type Role } from './roles';
import { Authenticator } from './authenticator';

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

/** Every route needs a valid bearer token unless marked @Public(); @Roles() narrows who may call it. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
    private readonly engagements: EngagementDirectory,
    private readonly clock: Clock,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    // The body guard may have authenticated the request already, before reading its body.
    const principal = request.principal ?? (await this.authenticator.authenticate(request.headers.authorization));
    request.principal = principal;
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (allowed === undefined) throw new Error(`route ${request.url} declares no roles`);
    if (principal.role !== 'admin' && !allowed.includes(principal.role)) {
      throw new DomainError('forbidden', `the ${principal.role} role may not do this`, { role: principal.role, allowed: ['admin', ...allowed] });
    }
    if (principal.engagementId) await this.checkEngagement(principal.engagementId, request);
    return true;
  }

  /** A token bound to an engagement sees only what the engagement covers, while it lasts. */
  private async checkEngagement(engagementId: string, request: AuthenticatedRequest): Promise<void> {
    const scope = await this.engagements.scopeOf(engagementId);
    const route = {
      method: request.method,
      pattern: request.routeOptions.url ?? '',
      params: request.params as Record<string, string | undefined>,
      query: request.query as Record<string, unknown>,
    };
    let verdict = scope ? engagementAllows(route, scope, this.clock.now()) : 'ended';
    if (verdict === 'allowed' && EVIDENCE_ROUTES.includes(route.pattern) && !(await this.engagements.reliesOn(engagementId, route.params.sha256 ?? ''))) verdict = 'hidden';
    if (verdict === 'ended') throw new DomainError('unauthenticated', `engagement ${engagementId} has ended; its tokens no longer work`);
    if (verdict === 'hidden') throw notFound(`${request.url.split('?')[0]} not found`);
    // Allowed reads are of the engagement's certifications, which all take validAt.
    if (scope && route.pattern.startsWith('/certifications/:id')) route.query.validAt ??= engagementValidAt(scope, this.clock.now());
  }
}
