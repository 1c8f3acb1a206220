import { tokensFromEvents } from '../../../src/auth/token-facts';

const issued = (tokenId: string, extra: Record<string, unknown> = {}) => ({
  type: 'TokenIssued',
  data: { tokenId, hash: `hash-${tokenId}`, subject: 'paul', role: 'auditor', name: 'laptop', expiresAt: '2027-03-01T00:00:00.000Z', engagementId: null, ...extra },
  recordedAt: '2026-12-01T00:00:00.000Z',
});

describe('token facts: the registry rows the log describes', () => {
  it('folds issue, rotation and revocation into rows, never moving a revocation later', () => {
    const { tokens, withoutHash } = tokensFromEvents([
      issued('a'),
      issued('b', { rotates: 'a' }),
      { type: 'TokenRevoked', data: { tokenId: 'a', effectiveAt: '2026-12-02T00:00:00.000Z', replacedBy: 'b' }, recordedAt: '2026-12-01T00:00:00.000Z' },
      { type: 'TokenRevoked', data: { tokenId: 'a', effectiveAt: '2026-12-05T00:00:00.000Z' }, recordedAt: '2026-12-01T01:00:00.000Z' },
    ]);
    expect(withoutHash).toEqual([]);
    expect(tokens).toEqual([
      { id: 'a', hash: 'hash-a', subject: 'paul', role: 'auditor', name: 'laptop', engagementId: null, createdAt: '2026-12-01T00:00:00.000Z', expiresAt: '2027-03-01T00:00:00.000Z', revokedAt: '2026-12-02T00:00:00.000Z', replacedBy: 'b' },
      { id: 'b', hash: 'hash-b', subject: 'paul', role: 'auditor', name: 'laptop', engagementId: null, createdAt: '2026-12-01T00:00:00.000Z', expiresAt: '2027-03-01T00:00:00.000Z', revokedAt: null, replacedBy: null },
    ]);
  });

  it('names the tokens issued before hashes were recorded, which cannot come back', () => {
    expect(tokensFromEvents([issued('old', { hash: undefined })])).toEqual({ tokens: [], withoutHash: ['old'] });
  });
});
