import { randomUUID } from 'node:crypto';
import { Option, type Command } from 'commander';
import { loadConfig } from '../config';
import { TokenStore } from '../auth/token-store';
import { ROLES, type Role } from '../auth/roles';
import { openRegistry } from '../registry/registry-database';
import { SUBJECT_PATTERN } from '../people/people.commands';
import { requireLedger, withStore } from './open-store';

/** Token issue and revocation are recorded in the log too (without the token), so access changes are auditable. */
async function recordAccessEvent(tokenId: string, type: 'TokenIssued' | 'TokenRevoked', data: Record<string, unknown>): Promise<void> {
  await withStore(
    (store) => store.append(`token-${tokenId}`, [{ id: randomUUID(), type, data: { tokenId, ...data }, actor: 'system:cli', correlationId: randomUUID() }], 'any'),
    // The first token is how a new ledger starts; a revocation needs the ledger that issued the token.
    { createsLedger: type === 'TokenIssued' },
  );
}

export function registerToken(program: Command): void {
  const token = program.command('token').description('create and revoke bearer tokens');
  token
    .command('create')
    .description('create a bearer token; prints it once, alone on the last line')
    .addOption(new Option('--role <role>', 'what the token may do').choices(ROLES).makeOptionMandatory())
    .requiredOption('--subject <id>', "the person's subject id, recorded as the actor of their commands")
    .option('--name <name>', 'a label for the token, e.g. the machine or person using it')
    .action(async (options: { role: Role; subject: string; name?: string }) => {
      if (!SUBJECT_PATTERN.test(options.subject)) throw new Error(`--subject must match ${SUBJECT_PATTERN}`);
      const db = openRegistry(loadConfig());
      try {
        const issued = new TokenStore(db).create(options.role, options.subject, options.name ?? null, new Date());
        await recordAccessEvent(issued.id, 'TokenIssued', { subject: options.subject, role: options.role });
        console.log(`token ${issued.id} for ${options.subject} (${options.role}); it is shown only now:`);
        console.log(issued.token);
      } finally {
        db.close();
      }
    });
  token
    .command('revoke <id>')
    .description('revoke a token by its id; it stops working at once')
    .action(async (id: string) => {
      requireLedger(loadConfig());
      const db = openRegistry(loadConfig());
      try {
        const revoked = new TokenStore(db).revoke(id, new Date());
        if (!revoked) throw new Error(`no token ${id}`);
        await recordAccessEvent(id, 'TokenRevoked', {});
        console.log(`token ${id} revoked`);
      } finally {
        db.close();
      }
    });
}
