import { applyDecorators, RequestMethod } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { ApiExtension, ApiHeader, ApiOperation, ApiResponse } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ApiProblems, type ProblemStatus } from './problems';
import { hasPathParameters, parametersOf } from './request-parameters';
import { array, component, integer, nullable, object, page, position, text, uuid, withTwoTimes, type Schema } from './schema';

/** What every command answers: where its events went. */
export const commandResult = object(
  {
    id: text('The id of what the command created or acted on, when it has one'),
    stream: text('The stream the events were appended to'),
    revision: integer({ minimum: -1, description: 'The stream revision after the command; also sent as ETag' }),
    position: nullable({ ...position, description: 'The log position of the last event (pass as minPosition to read it back); null when nothing was appended to a new stream' }),
    eventIds: array(uuid, 'The events appended, empty when the command changed nothing'),
  },
  ['id'],
);

export const CommandResult = component('CommandResult', commandResult);

const ETAG = { description: 'The stream revision after the command, for If-Match', schema: text(undefined, { pattern: '^"-?\\d+"$' }) };
const REPLAYED = { description: '`true` when this is the stored answer to an earlier request with the same Idempotency-Key', schema: text(undefined, { enum: ['true'] }) };

const IF_MATCH = ApiHeader({
  name: 'If-Match',
  required: false,
  description:
    'Run only if the stream is at this revision (the ETag of an earlier answer), or with `*` only if it exists; otherwise 412 (RFC 9110). Without it, a concurrent change is retried on fresh state.',
  schema: text(undefined, { pattern: '^\\s*(\\*|(W/)?"?-?\\d+"?)\\s*$', example: '"3"' }),
});
const IDEMPOTENCY_KEY = ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'Retries with the same key (per token subject) get the first answer again, without running the command twice',
  schema: text(undefined, { pattern: '^[\\w.:-]{1,200}$' }),
});
const CAUSATION_ID = ApiHeader({
  name: 'X-Causation-Id',
  required: false,
  description: 'The id of what caused this command (an event or a message); recorded in the events\' metadata',
  schema: text(undefined, { maxLength: 200 }),
});

/**
 * The operation's summary, its parameters read from the route's own metadata,
 * 400 when there is a parameter to get wrong, and 404 when the path names
 * something.
 */
const documented =
  (summary: string): MethodDecorator =>
  (target, key, descriptor) => {
    const parameters = parametersOf(target, key);
    applyDecorators(
      ApiOperation({ summary }),
      ...parameters,
      ...(parameters.length > 0 ? [ApiProblems(400)] : []),
      ...(hasPathParameters(target, key) ? [ApiProblems(404)] : []),
    )(target, key, descriptor);
  };

export interface CommandOptions {
  /** The success status when the route sets it itself (default: what Nest answers). */
  status?: number;
  answer?: Schema;
  description?: string;
  /** Another success status the command can answer, such as 200 for an upload of bytes already stored. */
  also?: { status: number; description: string };
}

/** The status Nest answers with: @HttpCode's, else 201 for POST and 200 for the others. */
function successStatusOf(handler: unknown): number {
  const code = Reflect.getMetadata(HTTP_CODE_METADATA, handler as object) as number | undefined;
  return code ?? (Reflect.getMetadata(METHOD_METADATA, handler as object) === RequestMethod.POST ? 201 : 200);
}

/**
 * A command route: its answer with ETag, the If-Match, Idempotency-Key and
 * X-Causation-Id headers, and the problems commands send (413 and 415 only
 * with a body). Put it above the route's @Post/@Put/@Delete and @HttpCode,
 * which it reads.
 */
export const ApiCommand =
  (summary: string, options: CommandOptions = {}): MethodDecorator =>
  (target, key, descriptor) => {
    const answer = { schema: options.answer ?? CommandResult, headers: { ETag: ETAG, 'Idempotent-Replayed': REPLAYED } };
    const hasBody = Reflect.getMetadata(METHOD_METADATA, descriptor.value as object) !== RequestMethod.DELETE;
    const problems: ProblemStatus[] = [400, 404, 409, 412, 422, ...(hasBody ? ([413, 415] as const) : [])];
    applyDecorators(
      documented(summary),
      ApiResponse({ status: options.status ?? successStatusOf(descriptor.value), description: options.description ?? 'Recorded: where the events went', ...answer }),
      ...(options.also ? [ApiResponse({ ...options.also, ...answer })] : []),
      IF_MATCH,
      IDEMPOTENCY_KEY,
      CAUSATION_ID,
      ApiProblems(...problems),
    )(target, key, descriptor);
  };

/** A single document (JSON); `notFound` when a query parameter names what may not exist. */
export const ApiItem = (summary: string, schema: Schema, options: { description?: string; notFound?: boolean } = {}) =>
  applyDecorators(
    documented(summary),
    ApiResponse({ status: 200, description: options.description ?? 'The document', schema }),
    ...(options.notFound ? [ApiProblems(404)] : []),
  );

/** A page `{items, next}` of a list, with extra top-level fields for lists about one thing (a stream, a correlation). */
export const ApiList = (summary: string, item: Schema, extra: Record<string, Schema> = {}) =>
  applyDecorators(documented(summary), ApiResponse({ status: 200, description: 'One page of the list', schema: page(item, extra) }));

/** A page of a list read in business time: with the asOf and validAt it was read at (decision 24). */
export const ApiDatedList = (summary: string, item: Schema) =>
  applyDecorators(documented(summary), ApiResponse({ status: 200, description: 'One page of the list, on the business date asked about', schema: withTwoTimes(page(item)) }));

/** An answer that is not JSON: a file, a PDF, Prometheus text. */
export const ApiFile = (summary: string, mediaType: string, description: string, headers: Record<string, { description: string; schema: SchemaObject }> = {}) =>
  applyDecorators(
    documented(summary),
    ApiResponse({ status: 200, description, headers, content: { [mediaType]: { schema: mediaType.startsWith('text/') ? text() : { type: 'string', format: 'binary' } } } }),
  );

/** An administrative action that appends nothing (a replay): its answer, and Idempotency-Key for safe retries. */
export const ApiAction =
  (summary: string, schema: Schema, description: string): MethodDecorator =>
  (target, key, descriptor) =>
    applyDecorators(documented(summary), ApiResponse({ status: successStatusOf(descriptor.value), description, schema }), IDEMPOTENCY_KEY, ApiProblems(400, 413, 415))(
      target,
      key,
      descriptor,
    );

/** Open to anyone without a token, and never rate-limited (for load balancers). */
export const ApiOpen = () => applyDecorators(ApiExtension('x-public', true), ApiNotRateLimited());

/** Not counted against the token's rate limit. */
export const ApiNotRateLimited = () => ApiExtension('x-rate-limited', false);

/** An operation with a body but no command headers: the problems a body brings, and its own. */
const withoutCommandHeaders =
  (summary: string, schema: Schema, description: string, problems: ProblemStatus[] = []): MethodDecorator =>
  (target, key, descriptor) =>
    applyDecorators(documented(summary), ApiResponse({ status: successStatusOf(descriptor.value), description, schema }), ApiProblems(400, 413, 415, ...problems))(
      target,
      key,
      descriptor,
    );

/** A question sent with a body that records nothing (a simulation): nothing is appended to guard or to replay. */
export const ApiQuestion = withoutCommandHeaders;

/**
 * A command whose answer holds a secret shown once (a new token): recorded
 * in the log like a command, but without Idempotency-Key or If-Match, since
 * a stored answer would keep the secret and a retry must not see it again.
 */
export const ApiIssuesSecret = withoutCommandHeaders;
