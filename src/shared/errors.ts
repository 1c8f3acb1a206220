/**
 * Every failure the product reports on purpose is a DomainError with a kind.
 * The problem+json filter maps kinds to HTTP statuses in one place.
 */
export type DomainErrorKind =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'precondition_failed'
  | 'rule_broken'
  | 'too_large'
  | 'rate_limited'
  | 'unavailable'
  // Refusals of the HTTP layer itself, before any route runs.
  | 'timeout'
  | 'uri_too_long'
  | 'unsupported_media_type'
  | 'headers_too_large';

export interface FieldError {
  field: string;
  messages: string[];
}

export interface DomainErrorDetails {
  /** Field-level problems of a rejected request. */
  errors?: FieldError[];
  [extension: string]: unknown;
}

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    readonly details: DomainErrorDetails = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const conflict = (message: string, details?: DomainErrorDetails) =>
  new DomainError('conflict', message, details);
/** A request's precondition (If-Match) does not hold: RFC 9110 §13.1.1, 412. */
export const preconditionFailed = (message: string, details?: DomainErrorDetails) =>
  new DomainError('precondition_failed', message, details);
export const notFound = (message: string, details?: DomainErrorDetails) =>
  new DomainError('not_found', message, details);
export const ruleBroken = (message: string, details?: DomainErrorDetails) =>
  new DomainError('rule_broken', message, details);
export const invalid = (field: string, message: string) =>
  new DomainError('validation', `${field}: ${message}`, { errors: [{ field, messages: [message] }] });

export const isDomainError = (error: unknown, kind?: DomainErrorKind): error is DomainError =>
  error instanceof DomainError && (kind === undefined || error.kind === kind);
