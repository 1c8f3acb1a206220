import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { EVENT_STORE, type EventStore } from '../event-store/event-store';
import { Clock } from '../shared/clock';
import { ReadModelStore } from './read-model-store';

/**
 * The query routes whose answer is a function of the log, the read models,
 * the request, the caller's role and engagement, and the clock: nothing else
 * (no registry, no file on disk, no signature made now). Only these are
 * cached and carry an ETag (decision 39).
 */
export const CACHED_ROUTES: ReadonlySet<string> = new Set([
  '/audits', '/audits/:id', '/findings',
  '/certifications', '/certifications/:id', '/certifications/:id/requirements', '/certifications/:id/requirements/:ref',
  '/changes', '/changes/:id',
  '/frameworks', '/frameworks/:id', '/frameworks/:id/requirements',
  '/events', '/streams/:stream', '/investigations/:correlationId', '/diff',
  '/incidents', '/incidents/:id',
  '/obligations', '/sovereignty', '/timeline',
]);

/**
 * Answers about "now" (no `validAt`, overdue deadlines, the echoed instant)
 * move with the clock as well as with the log: an answer is reused within one
 * such window at most, however quiet the log.
 */
export const ANSWER_REUSE_MS = 1000;

const MAX_ANSWERS = 2000;
/** In UTF-16 code units, about 64 MB: room for a few hundred large pages. */
const MAX_CHARACTERS = 32 * 1024 * 1024;
const MAX_ANSWER_CHARACTERS = 4 * 1024 * 1024;

/** Who asks, and what: answers are never shared across roles or engagements. */
export interface AnswerRequest {
  url: string;
  role: string;
  engagementId: string | null;
}

/** Where the answer was computed from: the request, and the state it was read in. */
export interface AnswerKey {
  request: string;
  state: string;
  /** The log's head position, which the ETag starts with. */
  head: string;
}

/** What the interceptor sends: the serialised answer and its strong ETag. */
export interface Answer {
  etag: string;
  body: string;
}

interface StoredAnswer extends Answer {
  state: string;
}

/**
 * Serialised answers of the query routes, one per request and caller, kept
 * with the state they were computed in (read models' generations and
 * positions, the log's head, the clock's window). A lookup in another state
 * misses and the next answer replaces the entry: a new event makes every
 * older answer unreachable without a sweep. Bounded by count and size.
 */
@Injectable()
export class AnswerCache {
  private readonly answers = new LRUCache<string, StoredAnswer>({
    max: MAX_ANSWERS,
    maxSize: MAX_CHARACTERS,
    maxEntrySize: MAX_ANSWER_CHARACTERS,
    sizeCalculation: (answer, request) => answer.body.length + request.length,
  });

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readModels: ReadModelStore,
    private readonly clock: Clock,
  ) {}

  /** The key of `request` in the current state. */
  async keyOf(request: AnswerRequest): Promise<AnswerKey> {
    // Read before the answer is: state only moves forward, so an answer is never filed under a newer state than it saw.
    const readModels = this.readModels.answeringState;
    const head = (await this.store.headPosition()) ?? '0';
    const window = Math.floor(this.clock.now().getTime() / ANSWER_REUSE_MS);
    return { request: `${request.role}\n${request.engagementId ?? ''}\n${request.url}`, state: `${head}\n${readModels}\n${window}`, head };
  }

  /** The answer serialised in the same state, with its ETag, if any. */
  get(key: AnswerKey): Answer | null {
    const answer = this.answers.get(key.request);
    return answer !== undefined && answer.state === key.state ? answer : null;
  }

  /** Keeps `body` and gives its strong ETag: the head, then a digest of the caller, the request and the state. */
  put(key: AnswerKey, body: string): Answer {
    const digest = createHash('sha256').update(key.request).update('\n').update(key.state).digest('base64url').slice(0, 22);
    const answer = { state: key.state, etag: `"${key.head}-${digest}"`, body };
    this.answers.set(key.request, answer);
    return answer;
  }

  /** How many answers are kept, for tests and the bench. */
  get size(): number {
    return this.answers.size;
  }
}
