import { ApiResponse } from '@nestjs/swagger';
import { applyDecorators } from '@nestjs/common';
import { array, component, integer, object, text } from './schema';

/**
 * RFC 9457 problem details, as ProblemDetailsFilter sends them: the five
 * standard members, plus the extensions some problems carry.
 */
export const ProblemDetails = component('ProblemDetails', {
  ...object(
    {
      type: text('`urn:confiance:problem:<kind>`, or `about:blank` for statuses without a kind', { format: 'uri-reference' }),
      title: text('The same for every problem of this type'),
      status: integer({ minimum: 400, maximum: 599 }),
      detail: text('What went wrong with this request, naming the field when one is at fault'),
      instance: text('The path and query of the request', { format: 'uri-reference' }),
      errors: array(object({ field: text('A field of the body, a query parameter or a header'), messages: array(text()) }), 'Each invalid field and why (400)'),
      field: text('The field a business rule or lookup refused (404, 422)'),
      stream: text('The stream whose revision did not match (409, 412)'),
      currentRevision: integer({ description: 'The revision the stream is at (412)' }),
      retryAfter: integer({ minimum: 0, description: 'Seconds until the rate limit resets (429)' }),
      role: text('The role that was refused (403)'),
      allowed: array(text(), 'The roles that may do this (403)'),
      limit: integer({ description: 'The largest size accepted, in bytes (413)' }),
    },
    ['errors', 'field', 'stream', 'currentRevision', 'retryAfter', 'role', 'allowed', 'limit'],
  ),
  additionalProperties: true,
  description: 'An RFC 9457 problem; further extension members may appear',
});

export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 412 | 413 | 415 | 422 | 429 | 503;

export const PROBLEM_DESCRIPTIONS: Record<ProblemStatus, string> = {
  400: 'The request is not valid: `errors` names each field, query parameter or header at fault',
  401: 'No valid bearer token',
  403: 'This role may not do this',
  404: 'What the path names, or a record the request cites, does not exist',
  409: 'The id is already used, or the stream moved on while the command ran',
  412: 'If-Match does not match the stream: read it again and retry with its ETag',
  413: 'The body is too large',
  415: 'The body is not of a content type this operation accepts',
  422: 'A business rule forbids this; `field` names the field at fault when there is one',
  429: 'Too many requests for this token; Retry-After says when to retry',
  503: 'The store or a stored file cannot be read',
};

export const problemContent = { 'application/problem+json': { schema: ProblemDetails } };

export const problemResponse = (status: ProblemStatus, description = PROBLEM_DESCRIPTIONS[status]) => ({ description, content: problemContent });

/** Documents the problem answers an operation can send. */
export const ApiProblems = (...statuses: ProblemStatus[]) =>
  applyDecorators(...statuses.map((status) => ApiResponse({ status, ...problemResponse(status) })));
