import { randomUUID } from 'node:crypto';
import { Option, type Command } from 'commander';
import { loadConfig } from '../config';
import { TokenStore } from '../auth/token-store';
import { ROLES, type Role } from '../auth/roles';
import { DEFAULT_EXPIRY_DAYS, DEFAULT_GRACE_HOURS, MAX_EXPIRY_DAYS, MAX_GRACE_HOURS, outOfRange, statusOf } from '../auth/token-life';
import { recordIssue, recordRevocation, recordRotation, type AccessActor } from '../auth/token-events';
import { tokensFromEvents, type AccessEvent } from '../auth/token-facts';
import { openRegistry } from '../registry/registry-database';
import { SUBJECT_PATTERN } from '../people/people.commands';
import { requireLedger, withStore } from './open-store';
import type { EventStore } from '../event-store/event-store';
import { fold } from '../shared/decider';
import { engagementDecider, type EngagementState } from '../engagements/engagements.decider';
import { engagementStream, type EngagementEvent } from '../engagements/engagements.events';

/** The engagement a token is bound to must be open, for that auditor, and not over. */
async function checkEngagement(store: EventStore, engagementId: string, role: Role, subject: string): Promise<void> {
  if (role !== 'auditor') throw new Error('--engagement binds auditor tokens only: use --role auditor');
  const events: EngagementEvent[] = [];
  for await (const event of store.readStream(engagementStream(engagementId))) events.push({ type: event.type, data: event.data } as unknown as EngagementEvent);
  const state: EngagementState = fold(engagementDecider, events);
  if (!state.opened) throw new Error(`--engagement: no engagement ${engagementId}`);
  if (state.auditor !== subject) throw new Error(`--engagement: engagement ${engagementId} is for ${state.auditor}, not ${subject}`);
  if (Date.parse(state.accessUntil) <= Date.now()) throw new Error(`--engagement: engagement ${engagementId} ended at ${state.accessUntil}`);
}

const cli = (): AccessActor => ({ actor: 'system:cli', correlationId: randomUUID() });

/** A whole number option within bounds, refused naming the option otherwise. */
const wholeNumber = (option: string, max: number) => (value: string) => {
  const number = /^\d+$/.test(value) ? Number(value) : NaN;
  const problem = outOfRange(number, max);
  if (problem) throw new Error(`${option} ${problem}, got "${value}"`);
  return number;
};

function withTokens<T>(action: (tokens: TokenStore) => T): T {
  const db = openRegistry(loadConfig());
  try {
    return action(new TokenStore(db));
  } finally {
    db.close();
  }
}

export function registerToken(program: Command): void {
  const token = program.command('token').description('create, list, rotate and revoke bearer tokens');
  token
    .command('create')
    .description('create a bearer token; prints it once, alone on the last line')
    .addOption(new Option('--role <role>', 'what the token may do').choices(ROLES).makeOptionMandatory())
    .requiredOption('--subject <id>', "the person's subject id, recorded as the actor of their commands")
    .option('--name <name>', 'a label for the token, e.g. the machine or person using it')
    .option('--expires-in-days <days>', `days until the token stops working (1 to ${MAX_EXPIRY_DAYS})`, wholeNumber('--expires-in-days', MAX_EXPIRY_DAYS), DEFAULT_EXPIRY_DAYS)
    .option('--engagement <id>', "an auditor token that sees only this engagement's certifications and window (POST /engagements)")
    .action(async (options: { role: Role; subject: string; name?: string; expiresInDays: number; engagement?: string }) => {
      if (!SUBJECT_PATTERN.test(options.subject)) throw new Error(`--subject must match ${SUBJECT_PATTERN}`);
      if (options.expiresInDays < 1) throw new Error('--expires-in-days must be at least 1');
      const engagementId = options.engagement ?? null;
      if (engagementId !== null) await withStore((store) => checkEngagement(store, engagementId, options.role, options.subject));
      const issued = withTokens((tokens) =>
        tokens.create(options.role, options.subject, options.name ?? null, new Date(), { expiresInDays: options.expiresInDays, engagementId }),
      );
      const issue = { tokenId: issued.id, hash: issued.hash, subject: options.subject, role: options.role, name: options.name ?? null, expiresAt: issued.expiresAt, engagementId };
      // The first token is how a new ledger starts.
      await withStore((store) => recordIssue(store, issue, cli()), { createsLedger: true });
      console.log(`token ${issued.id} for ${options.subject} (${options.role}), valid until ${issued.expiresAt}; it is shown only now:`);
      console.log(issued.token);
    });
  token
    .command('list')
    .description('list tokens, without their secrets, as JSON lines')
    .action(() => {
      requireLedger(loadConfig());
      const now = new Date();
      for (const record of withTokens((tokens) => tokens.list())) console.log(JSON.stringify({ ...record, status: statusOf(record, now) }));
    });
  token
    .command('rotate <id>')
    .description('issue a new secret for a token; the old one stops working after the grace period. Prints the new token alone on the last line')
    .option('--grace-hours <hours>', `hours the old secret keeps working (0 to ${MAX_GRACE_HOURS})`, wholeNumber('--grace-hours', MAX_GRACE_HOURS), DEFAULT_GRACE_HOURS)
    .option('--expires-in-days <days>', `days until the new token stops working (1 to ${MAX_EXPIRY_DAYS})`, wholeNumber('--expires-in-days', MAX_EXPIRY_DAYS), DEFAULT_EXPIRY_DAYS)
    .action(async (id: string, options: { graceHours: number; expiresInDays: number }) => {
      requireLedger(loadConfig());
      if (options.expiresInDays < 1) throw new Error('--expires-in-days must be at least 1');
      const [old, rotation] = withTokens((tokens) => [tokens.get(id), tokens.rotate(id, new Date(), options.graceHours, options.expiresInDays)] as const);
      if (!old || !rotation) throw new Error(`no token ${id}`);
      await withStore((store) => recordRotation(store, old, rotation, cli()));
      console.log(`token ${id} works until ${rotation.replaced.revokedAt}; its replacement ${rotation.issued.id} is valid until ${rotation.issued.expiresAt} and shown only now:`);
      console.log(rotation.issued.token);
    });
  token
    .command('restore')
    .description("rebuild the registry's tokens from the log (TokenIssued, TokenRevoked): after losing registry.db, or on another instance")
    .action(async () => {
      const events: AccessEvent[] = [];
      await withStore(async (store) => {
        for await (const event of store.readAll({ categories: ['token'] })) events.push({ type: event.type, data: event.data, recordedAt: event.metadata.recordedAt });
      });
      const { tokens, withoutHash } = tokensFromEvents(events);
      withTokens((store) => store.restore(tokens));
      console.log(`restored ${tokens.length} tokens from the log${withoutHash.length ? `; ${withoutHash.length} issued before their hash was recorded cannot be restored` : ''}`);
    });
  token
    .command('revoke <id>')
    .description('revoke a token by its id; it stops working at once')
    .action(async (id: string) => {
      requireLedger(loadConfig());
      const now = new Date();
      const revoked = withTokens((tokens) => tokens.revoke(id, now));
      if (!revoked) throw new Error(`no token ${id}`);
      await withStore((store) => recordRevocation(store, id, now.toISOString(), cli()));
      console.log(`token ${id} revoked`);
    });
}
