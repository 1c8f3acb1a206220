import type { FastifyInstance } from 'fastify';
import { FixedWindowStorage } from '../auth/fixed-window-storage';
import { DomainError } from '../shared/errors';
import { closeInsteadOfReading } from './unread-bodies';

const WINDOW_MS = 60_000;

/**
 * Counts every request per client address, before anything else runs:
 * before authentication, before the body is read, on every route (/health
 * and /metrics included). An address over its allowance gets 429 for what
 * is left of the minute, whatever token it sends, and a body it sends is not
 * read (the connection is closed after the answer). The per-token limit
 * (TokenThrottlerGuard) still applies after authentication.
 */
export function throttlePerAddress(fastify: FastifyInstance, limitPerMinute: number): void {
  const windows = new FixedWindowStorage();
  fastify.addHook('onRequest', async (request, reply) => {
    const { isBlocked, timeToBlockExpire } = await windows.increment(`address:${request.ip}`, WINDOW_MS, limitPerMinute);
    if (isBlocked) {
      closeInsteadOfReading(request, reply);
      throw new DomainError('rate_limited', `more than ${limitPerMinute} requests in 60 s from this address; retry in ${timeToBlockExpire} s`, {
        retryAfter: timeToBlockExpire,
      });
    }
  });
}
