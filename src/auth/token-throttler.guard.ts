import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { DomainError } from '../shared/errors';
import type { AuthenticatedRequest } from './auth.guard';

/** Rate limits per token; requests without one (only /health) are limited per address. */
@Injectable()
export class TokenThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const { principal, ip } = request as unknown as AuthenticatedRequest;
    return principal ? `token:${principal.tokenId}` : `ip:${ip}`;
  }

  /** One count per token (or address) across every route, as RATE_LIMIT_PER_MINUTE promises; no hashing needed. */
  protected override generateKey(_context: ExecutionContext, tracker: string, throttler: string): string {
    return `${throttler}:${tracker}`;
  }

  /** A refusal of its own kind, so clients can tell it from others; the guard has set Retry-After already. */
  protected override async throwThrottlingException(_context: ExecutionContext, limit: ThrottlerLimitDetail): Promise<void> {
    const retryAfter = limit.timeToBlockExpire;
    throw new DomainError('rate_limited', `more than ${limit.limit} requests in ${limit.ttl / 1000} s; retry in ${retryAfter} s`, { retryAfter });
  }
}
