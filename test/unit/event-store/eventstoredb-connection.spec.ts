import {
  AccessDeniedError,
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { UnreadableEventError } from '../../../src/event-store/event-store';
import {
  isStreamNotFound,
  isWrongExpectedVersion,
  toDomainError,
} from '../../../src/event-store/eventstoredb/esdb-connection';
import { isDomainError } from '../../../src/shared/errors';

type ServiceErrorLike = ConstructorParameters<typeof UnavailableError>[0];
const serviceError = (code: number, message: string) => ({ code, message, details: message }) as unknown as ServiceErrorLike;

describe('EventStoreDB errors', () => {
  it('maps a wrong expected version to a conflict', () => {
    const error = new WrongExpectedVersionError(undefined, { streamName: 'audit-1', expected: 1n, current: 2n });
    expect(isWrongExpectedVersion(error)).toBe(true);
    const mapped = toDomainError(error, 'appending to audit-1');
    expect(isDomainError(mapped, 'conflict')).toBe(true);
    expect((mapped as Error).message).toContain('appending to audit-1');
  });

  it('maps an unreachable, slow or refusing server to unavailable', () => {
    const cases: unknown[] = [
      new UnavailableError(serviceError(14, '14 UNAVAILABLE: No connection established')),
      new DeadlineExceededError(serviceError(4, '4 DEADLINE_EXCEEDED: Deadline exceeded')),
      new AccessDeniedError(serviceError(16, '16 UNAUTHENTICATED')),
      new Error('Failed to discover after 10 attempts.'),
    ];
    for (const error of cases) {
      expect(isDomainError(toDomainError(error, 'reading $all'), 'unavailable')).toBe(true);
    }
  });

  it('maps an oversized append to a validation error', () => {
    expect(isDomainError(toDomainError(MaxAppendSizeExceededError.fromMaxAppendSize(1048576), 'appending'), 'validation')).toBe(true);
  });

  it('recognises a missing stream and lets other errors through unchanged', () => {
    expect(isStreamNotFound(new StreamNotFoundError(undefined as unknown as ServiceErrorLike, 'audit-1'))).toBe(true);
    expect(isStreamNotFound(new Error('audit-1 not found'))).toBe(false);
    const bug = new TypeError('x is undefined');
    expect(toDomainError(bug, 'reading')).toBe(bug);
    const unreadable = new UnreadableEventError({ stream: 'a-1', revision: 0, position: '1' }, 'bad');
    expect(toDomainError(unreadable, 'reading')).toBe(unreadable);
  });
});
