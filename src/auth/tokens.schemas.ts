import { array, component, instant, nullable, object, oneOf, text, uuid } from '../openapi/schema';
import { ROLES } from './roles';

export const TokenSchema = component(
  'Token',
  object({
    id: uuid,
    name: nullable(text('A label given at creation')),
    subject: text('The subject id its requests act as'),
    role: oneOf(ROLES),
    engagementId: nullable(text('The engagement an auditor token is bound to')),
    createdAt: instant,
    expiresAt: instant,
    lastUsedAt: nullable({ ...instant, description: 'The last request made with it, to the minute' }),
    revokedAt: nullable({ ...instant, description: 'When it stops (or stopped) working; later than now inside a grace period' }),
    replacedBy: nullable(text('The token a rotation issued in its place')),
    status: oneOf(['active', 'retiring', 'revoked', 'expired'], 'retiring: rotated, still working until revokedAt'),
  }),
);

export const TokenList = component('TokenList', object({ items: array(TokenSchema, 'Every token, oldest first; never a secret nor its hash') }));

export const TokenRotation = component(
  'TokenRotation',
  object({
    id: uuid,
    token: text('The new secret, shown only in this answer'),
    expiresAt: instant,
    replaced: object({ id: uuid, revokedAt: { ...instant, description: 'When the old secret stops working' } }),
  }),
);
