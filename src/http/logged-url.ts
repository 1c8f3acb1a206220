import type { FastifyRequest } from 'fastify';
import { invalid } from '../shared/errors';

/** Query parameters whose name says they carry a credential. */
const CREDENTIAL_NAME = /token|auth|key|secret|password|bearer/i;
/** Our tokens, wherever they appear in an address. */
const TOKEN_SHAPE = /cfd_[\w-]+/g;

/** The request URL as logs may show it: credential-like query values and anything shaped like a token replaced by [redacted]. */
export function loggableUrl(url: string): string {
  const cut = url.indexOf('?');
  const path = (cut === -1 ? url : url.slice(0, cut)).replace(TOKEN_SHAPE, '[redacted]');
  if (cut === -1) return path;
  const query = url
    .slice(cut + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq === -1 ? pair : pair.slice(0, eq);
      return eq !== -1 && CREDENTIAL_NAME.test(name) ? `${name}=[redacted]` : pair.replace(TOKEN_SHAPE, '[redacted]');
    })
    .join('&');
  return `${path}?${query}`;
}

/**
 * A token travels in the Authorization header only (RFC 6750 §2.1): one in
 * the address would end up in proxies' logs, browser histories and Referer
 * headers, so a query parameter that carries one is refused, not ignored.
 */
export function refuseTokensInQuery(request: FastifyRequest): void {
  const query = (request.query ?? {}) as Record<string, unknown>;
  for (const [name, value] of Object.entries(query)) {
    if (QUERY_TOKEN_NAMES.has(name.toLowerCase()) || [value].flat().some((v) => typeof v === 'string' && v.startsWith('cfd_'))) {
      throw invalid(name, 'tokens are accepted in the Authorization header only, never in the address');
    }
  }
}

const QUERY_TOKEN_NAMES = new Set(['access_token', 'token', 'api_key', 'apikey', 'bearer', 'auth', 'authorization']);
