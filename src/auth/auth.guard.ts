import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../shared/errors';
import { PUBLIC_KEY, ROLES_KEY, type Principal, type Role } from './roles';
import { Authenticator } from './authenticator';

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

/** Every route needs a valid bearer token unless marked @Public(); @Roles() narrows who may call it. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
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
    return true;
  }
}
