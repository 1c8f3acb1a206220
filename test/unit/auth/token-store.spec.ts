import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TokenStore } from '../../../src/auth/token-store';
import { openRegistry } from '../../../src/registry/registry-database';
import { loadConfig } from '../../../src/config';

describe('token store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'confiance-tokens-'));
  const server = openRegistry(loadConfig({ DATA_DIR: dir }));
  // The CLI's own connection to the same registry file.
  const cli = openRegistry(loadConfig({ DATA_DIR: dir }));
  const tokens = new TokenStore(server);
  afterAll(() => {
    server.close();
    cli.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops authenticating a token it had seen once it revokes it', () => {
    const issued = tokens.create('auditor', 'paul', null, new Date());
    expect(tokens.authenticate(issued.token)).toMatchObject({ tokenId: issued.id, subject: 'paul', role: 'auditor' });
    tokens.revoke(issued.id, new Date());
    expect(tokens.authenticate(issued.token)).toBeNull();
  });

  it('refuses a token at the next request once another process revoked it', () => {
    const issued = new TokenStore(cli).create('compliance', 'claire', null, new Date());
    expect(tokens.authenticate(issued.token)).toMatchObject({ subject: 'claire' });
    expect(tokens.authenticate(issued.token)).toMatchObject({ subject: 'claire' });
    new TokenStore(cli).revoke(issued.id, new Date());
    expect(tokens.authenticate(issued.token)).toBeNull();
  });

  it('answers null for a token it never issued', () => {
    expect(tokens.authenticate('cfd_not-a-token')).toBeNull();
  });

  it('refuses a token from its expiry on, and a rotated one from the end of its grace period', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const issued = tokens.create('auditor', 'paul', 'laptop', now, { expiresInDays: 10 });
    expect(tokens.authenticate(issued.token, new Date('2026-01-10T23:59:59Z'))).toMatchObject({ subject: 'paul' });
    expect(tokens.authenticate(issued.token, new Date('2026-01-11T00:00:00Z'))).toBeNull();

    const rotation = tokens.rotate(issued.id, new Date('2026-01-05T00:00:00Z'), 3, 90)!;
    expect(rotation.replaced.revokedAt).toBe('2026-01-05T03:00:00.000Z');
    expect(tokens.authenticate(issued.token, new Date('2026-01-05T02:59:59Z'))).toMatchObject({ subject: 'paul' });
    expect(tokens.authenticate(issued.token, new Date('2026-01-05T03:00:00Z'))).toBeNull();
    expect(tokens.authenticate(rotation.issued.token, new Date('2026-04-04T23:59:59Z'))).toMatchObject({ subject: 'paul', role: 'auditor' });
    expect(tokens.get(rotation.issued.id)).toMatchObject({ name: 'laptop', expiresAt: '2026-04-05T00:00:00.000Z' });
  });

  it('never lets a grace period outlive the old token, and rotates a token only once', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const issued = tokens.create('compliance', 'claire', null, now, { expiresInDays: 1 });
    const rotation = tokens.rotate(issued.id, now, 48, 90)!;
    expect(rotation.replaced.revokedAt).toBe('2026-01-02T00:00:00.000Z');
    expect(() => tokens.rotate(issued.id, now, 0, 90)).toThrow(/already rotated/);
    expect(tokens.rotate('no-such-token', now, 0, 90)).toBeNull();
  });
});
