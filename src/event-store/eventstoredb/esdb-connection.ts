/**
 * What client 6.x needs and what its failures mean: and the DomainError kind each of its error types stands for.
 */
import { ErrorType } from '@eventstore/db-client';
import { conflict, DomainError, isDomainError } from '../../shared/errors';

const UNAVAILABLE_TYPES: readonly string[] = [
  ErrorType.UNAVAILABLE,
  ErrorType.DEADLINE_EXCEEDED,
  ErrorType.TIMEOUT,
  ErrorType.CANCELLED,
  ErrorType.NOT_LEADER,
];

const typeOf = (error: unknown): unknown => (typeof error === 'object' && error !== null ? (error as { type?: unknown }).type : undefined);
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export const isWrongExpectedVersion = (error: unknown): boolean => typeOf(error) === ErrorType.WRONG_EXPECTED_VERSION;

export const isStreamNotFound = (error: unknown): boolean => typeOf(error) === ErrorType.STREAM_NOT_FOUND;

/**
 * Maps a client error to the DomainError kinds the rest of Confiance knows:
 * wrong expected version → conflict; an unreachable, leaderless or too slow
 * server → unavailable (HTTP 503 upstream); an oversized append → validation.
 * Anything else (a bug, a decoding failure) passes through unchanged.
 */
export function toDomainError(error: unknown, doing: string): unknown {
  if (isDomainError(error)) return error;
  const type = typeOf(error);
  if (type === ErrorType.WRONG_EXPECTED_VERSION) {
    return conflict(`${doing}: the stream moved on meanwhile (${messageOf(error)})`);
  }
  if (typeof type === 'string' && UNAVAILABLE_TYPES.includes(type)) {
    return new DomainError('unavailable', `EventStoreDB is unavailable while ${doing}: ${messageOf(error)}`);
  }
  if (error instanceof Error && /^Failed to discover/.test(error.message)) {
    return new DomainError('unavailable', `EventStoreDB is unavailable while ${doing}: ${error.message}`);
  }
  if (type === ErrorType.ACCESS_DENIED) {
    return new DomainError('unavailable', `EventStoreDB refused access while ${doing}: check the credentials in EVENTSTOREDB_URL`);
  }
  if (type === ErrorType.MAXIMUM_APPEND_SIZE_EXCEEDED) {
    return new DomainError('validation', `${doing}: the append is larger than the server's maximum append size (${messageOf(error)})`);
  }
  return error;
}
