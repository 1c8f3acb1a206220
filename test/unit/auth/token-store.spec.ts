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
});
