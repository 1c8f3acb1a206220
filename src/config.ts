import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadOidcConfig, type OidcConfig } from './auth/oidc-config';

export type EventStoreKind = 'sqlite' | 'eventstoredb';

export interface AppConfig {
  port: number;
  dataDir: string;
  eventStore: EventStoreKind;
  /** A connection string in the spelling the EventStoreDB client understands (`esdb://` or `esdb+discover://`). */
  eventStoreDbUrl: string | null;
  /** Requests per minute allowed to one token (or one address without a token). */
  rateLimitPerMinute: number;
  /** Requests per minute allowed to one client address, tokens or not, counted before authentication. */
  rateLimitPerAddressPerMinute: number;
  /** Largest evidence file accepted, in bytes. */
  evidenceMaxBytes: number;
  /** How long an Idempotency-Key is remembered, in hours. */
  idempotencyTtlHours: number;
  /** PKCS#8 PEM Ed25519 key that signs checkpoints; null: generated at first start in DATA_DIR. */
  logSigningKey: string | null;
  /** The transparency log's name: first line of every checkpoint and name of its key. */
  logOrigin: string;
  /** A new checkpoint is signed at most this often once the log grew (0: after every catch-up). */
  checkpointIntervalSeconds: number;
  /** RFC 3161 time-stamping authority that stamps each checkpoint; null: checkpoints are not time-stamped. */
  tsaUrl: string | null;
  /** After the TSA failed, checkpoints still lacking a token are retried this long later. */
  tsaRetrySeconds: number;
  /** Access tokens from an OpenID Connect provider, beside bearer tokens; null when not configured. */
  oidc: OidcConfig | null;
  /** PKCS#12 file whose key and certificate sign dossiers (PAdES); null: a self-signed one generated at first start in DATA_DIR. */
  dossierSigningP12: string | null;
  /** The passphrase of `dossierSigningP12` ('' when it has none). */
  dossierSigningPassphrase: string;
}

/** A configuration that cannot work; start-up stops with a message naming the variable. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

/**
 * KurrentDB (formerly EventStoreDB) connection strings: `esdb`, `kurrentdb`,
 * `kurrent` and `kdb` name the same syntax, `+discover` finds the cluster
 * through DNS. Client 6.x knows only the `esdb` spellings, so the others are
 * rewritten to them (decision 18).
 */
const CONNECTION_SCHEME = /^(esdb|kurrentdb|kurrent|kdb)(\+discover)?:\/\//i;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const port = env.PORT === undefined || env.PORT === '' ? 3000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError('PORT', `must be an integer from 0 to 65535, got "${env.PORT}"`);
  }
  const dataDir = env.DATA_DIR === undefined ? './data' : env.DATA_DIR;
  if (dataDir.trim() === '') throw new ConfigError('DATA_DIR', 'must name a directory');
  const eventStore = (env.EVENT_STORE ?? 'sqlite') as EventStoreKind;
  if (eventStore !== 'sqlite' && eventStore !== 'eventstoredb') {
    throw new ConfigError('EVENT_STORE', `must be "sqlite" or "eventstoredb", got "${env.EVENT_STORE}"`);
  }
  const eventStoreDbUrl = env.EVENTSTOREDB_URL || null;
  if (eventStore === 'eventstoredb' && !eventStoreDbUrl) {
    throw new ConfigError('EVENTSTOREDB_URL', 'is required when EVENT_STORE=eventstoredb (e.g. esdb://localhost:2113?tls=false)');
  }
  const scheme = eventStoreDbUrl === null ? null : CONNECTION_SCHEME.exec(eventStoreDbUrl);
  if (eventStoreDbUrl !== null && !scheme) {
    throw new ConfigError('EVENTSTOREDB_URL', `must be an esdb://, kurrentdb://, kurrent:// or kdb:// connection string (+discover for DNS discovery), got "${eventStoreDbUrl}"`);
  }
  const rateLimitPerMinute = env.RATE_LIMIT_PER_MINUTE === undefined || env.RATE_LIMIT_PER_MINUTE === '' ? 3000 : Number(env.RATE_LIMIT_PER_MINUTE);
  if (!Number.isInteger(rateLimitPerMinute) || rateLimitPerMinute < 1) {
    throw new ConfigError('RATE_LIMIT_PER_MINUTE', `must be a positive integer, got "${env.RATE_LIMIT_PER_MINUTE}"`);
  }
  const perAddress = env.RATE_LIMIT_PER_ADDRESS_PER_MINUTE;
  const rateLimitPerAddressPerMinute = perAddress === undefined || perAddress === '' ? 4 * rateLimitPerMinute : Number(perAddress);
  if (!Number.isInteger(rateLimitPerAddressPerMinute) || rateLimitPerAddressPerMinute < 1) {
    throw new ConfigError('RATE_LIMIT_PER_ADDRESS_PER_MINUTE', `must be a positive integer, got "${perAddress}"`);
  }
  const evidenceMaxBytes = env.EVIDENCE_MAX_BYTES === undefined || env.EVIDENCE_MAX_BYTES === '' ? 50 * 1024 * 1024 : Number(env.EVIDENCE_MAX_BYTES);
  if (!Number.isInteger(evidenceMaxBytes) || evidenceMaxBytes < 1) {
    throw new ConfigError('EVIDENCE_MAX_BYTES', `must be a positive integer, got "${env.EVIDENCE_MAX_BYTES}"`);
  }
  const idempotencyTtlHours = env.IDEMPOTENCY_TTL_HOURS === undefined || env.IDEMPOTENCY_TTL_HOURS === '' ? 24 : Number(env.IDEMPOTENCY_TTL_HOURS);
  if (!Number.isInteger(idempotencyTtlHours) || idempotencyTtlHours < 1) {
    throw new ConfigError('IDEMPOTENCY_TTL_HOURS', `must be a positive integer (hours), got "${env.IDEMPOTENCY_TTL_HOURS}"`);
  }
  const clientUrl = eventStoreDbUrl && scheme ? `${scheme[2] ? 'esdb+discover' : 'esdb'}://${eventStoreDbUrl.slice(scheme[0].length)}` : null;
  const logSigningKey = env.LOG_SIGNING_KEY ? resolve(env.LOG_SIGNING_KEY) : null;
  if (logSigningKey && !existsSync(logSigningKey)) throw new ConfigError('LOG_SIGNING_KEY', `names no file: ${logSigningKey}`);
  const logOrigin = env.LOG_ORIGIN || 'confiance.local/log';
  if (/[\s+]/u.test(logOrigin) || /\p{Cc}/u.test(logOrigin)) {
    throw new ConfigError('LOG_ORIGIN', `must be a name without spaces or "+", such as ledger.example.com/log, got "${logOrigin}"`);
  }
  const interval = env.CHECKPOINT_INTERVAL_SECONDS;
  const checkpointIntervalSeconds = interval === undefined || interval === '' ? 60 : Number(interval);
  if (!Number.isInteger(checkpointIntervalSeconds) || checkpointIntervalSeconds < 0) {
    throw new ConfigError('CHECKPOINT_INTERVAL_SECONDS', `must be a non-negative integer, got "${interval}"`);
  }
  const tsaUrl = env.TSA_URL || null;
  if (tsaUrl !== null && !/^https?:\/\/[^\s/]+/i.test(tsaUrl)) throw new ConfigError('TSA_URL', `must be the http:// or https:// URL of an RFC 3161 time-stamping authority, got "${tsaUrl}"`);
  const retry = env.TSA_RETRY_SECONDS;
  const tsaRetrySeconds = retry === undefined || retry === '' ? 60 : Number(retry);
  if (!Number.isInteger(tsaRetrySeconds) || tsaRetrySeconds < 1) throw new ConfigError('TSA_RETRY_SECONDS', `must be a positive integer, got "${retry}"`);
  const dossierSigningP12 = env.DOSSIER_SIGNING_P12 ? resolve(env.DOSSIER_SIGNING_P12) : null;
  if (dossierSigningP12 && !existsSync(dossierSigningP12)) throw new ConfigError('DOSSIER_SIGNING_P12', `names no file: ${dossierSigningP12}`);
  return {
    port,
    dataDir: resolve(dataDir),
    eventStore,
    eventStoreDbUrl: clientUrl,
    rateLimitPerMinute,
    rateLimitPerAddressPerMinute,
    evidenceMaxBytes,
    idempotencyTtlHours,
    logSigningKey,
    logOrigin,
    checkpointIntervalSeconds,
    tsaUrl,
    tsaRetrySeconds,
    oidc: loadOidcConfig(env, (variable, message) => new ConfigError(variable, message)),
    dossierSigningP12,
    dossierSigningPassphrase: env.DOSSIER_SIGNING_PASSPHRASE ?? '',
  };
}

export const eventsFile = (config: AppConfig) => resolve(config.dataDir, 'events.db');

/** Read models live beside the log, one file per instance: they can always be rebuilt from it. */
export const readModelsFile = (config: AppConfig) => resolve(config.dataDir, 'read-models.db');

/** Evidence files, content-addressed: evidence/ab/abcdef… by SHA-256. */
export const evidenceDir = (config: AppConfig) => resolve(config.dataDir, 'evidence');

/** The transparency log's tree and checkpoints, beside the log. */
export const transparencyFile = (config: AppConfig) => resolve(config.dataDir, 'transparency.db');

/** The checkpoint signing key: the configured one, or the one generated at first start. */
export const logKeyFile = (config: AppConfig) => config.logSigningKey ?? resolve(config.dataDir, 'log-signing-key.pem');

/** The PKCS#12 file that signs dossiers: the configured one, or the self-signed one generated at first start. */
export const dossierSigningFile = (config: AppConfig) => config.dossierSigningP12 ?? resolve(config.dataDir, 'dossier-signing.p12');
