import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccessTables } from '../../../src/auth/access-tables';
import { accessChangeOf, type AccessChange } from '../../../src/auth/token-facts';
import { TokenStore } from '../../../src/auth/token-store';
import { openRegistry } from '../../../src/registry/registry-database';
import { loadConfig } from '../../../src/config';

const secret = 'cfd_a-token-recorded-by-another-instance-000000';
const issued = accessChangeOf({
  type: 'TokenIssued',
  data: { tokenId: 't1', hash: createHash('sha256').update(secret).digest('hex'), subject: 'paul', role: 'auditor', name: 'laptop', expiresAt: '2030-01-01T00:00:00.000Z', engagementId: null },
  recordedAt: '2026-01-01T00:00:00.000Z',
}) as AccessChange;
const revoked = (effectiveAt: string) => accessChangeOf({ type: 'TokenRevoked', data: { tokenId: 't1', effectiveAt }, recordedAt: effectiveAt }) as AccessChange;

describe('access tables: token events taken in as a read model', () => {
  const dir = mkdtempSync(join(tmpdir(), 'confiance-access-'));
  const db = openRegistry(loadConfig({ DATA_DIR: dir }));
  const tokens = new TokenStore(db);
  const tables = new AccessTables(db, tokens);
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given a TokenIssued, when taken in, then the token works and the position is kept', () => {
    expect(tables.position()).toBeNull();
    tables.apply([issued], '7');
    expect(tokens.authenticate(secret, new Date('2026-06-01T00:00:00Z'))).toMatchObject({ tokenId: 't1', subject: 'paul', role: 'auditor' });
    expect(tables.position()).toBe('7');
  });

  it('given the same events again, then nothing changes, and a revocation never moves later', () => {
    tables.apply([issued, revoked('2026-07-01T00:00:00.000Z')], '9');
    tables.apply([issued, revoked('2026-09-01T00:00:00.000Z')], '12');
    expect(tokens.get('t1')).toMatchObject({ revokedAt: '2026-07-01T00:00:00.000Z', name: 'laptop' });
    expect(tokens.authenticate(secret, new Date('2026-06-30T00:00:00Z'))).not.toBeNull();
    expect(tokens.authenticate(secret, new Date('2026-07-02T00:00:00Z'))).toBeNull();
  });
});
