import type { ReferenceObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/**
 * A small vocabulary for the JSON schemas of answers (OpenAPI 3.0 dialect).
 * Answers are plain objects built by query handlers and projections, not
 * classes, so their schemas are written here once, next to nothing else, and
 * checked against real answers by test/e2e/openapi-answers.e2e.spec.ts.
 */
export type Schema = SchemaObject | ReferenceObject;

const named = new Map<string, SchemaObject>();

/** Registers a component schema and answers a reference to it. */
export function component(name: string, schema: SchemaObject): ReferenceObject {
  if (named.has(name) && named.get(name) !== schema) throw new Error(`two schemas named ${name}`);
  named.set(name, schema);
  return ref(name);
}

export const ref = (name: string): ReferenceObject => ({ $ref: `#/components/schemas/${name}` });

/** Every component registered so far, for the document's `components.schemas`. */
export const namedSchemas = (): Record<string, SchemaObject> => Object.fromEntries(named);

export const text = (description?: string, extra: SchemaObject = {}): SchemaObject => ({ type: 'string', ...(description ? { description } : {}), ...extra });
export const integer = (extra: SchemaObject = {}): SchemaObject => ({ type: 'integer', ...extra });
export const number = (extra: SchemaObject = {}): SchemaObject => ({ type: 'number', ...extra });
export const boolean = (description?: string): SchemaObject => ({ type: 'boolean', ...(description ? { description } : {}) });
export const date: SchemaObject = { type: 'string', format: 'date', description: 'A calendar date' };
export const instant: SchemaObject = { type: 'string', format: 'date-time', description: 'An instant with its zone' };
export const position: SchemaObject = { type: 'string', pattern: '^\\d+$', description: 'A position in the log, as a decimal string' };
export const sha256: SchemaObject = { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'A SHA-256, lower-case hex' };
export const uuid: SchemaObject = { type: 'string', format: 'uuid' };
export const oneOf = (values: readonly string[], description?: string): SchemaObject => ({ type: 'string', enum: [...values], ...(description ? { description } : {}) });
export const array = (items: Schema, description?: string): SchemaObject => ({ type: 'array', items, ...(description ? { description } : {}) });
/** A map from names (e.g. read models, languages) to values. */
export const mapOf = (values: Schema, description?: string): SchemaObject => ({ type: 'object', additionalProperties: values, ...(description ? { description } : {}) });
/** Any JSON object, such as an event's data, whose shape depends on something else. */
export const anyObject = (description: string): SchemaObject => ({ type: 'object', additionalProperties: true, description });

/** `null` is allowed too; inline schemas only, since OpenAPI 3.0 ignores siblings of `$ref`. */
export function nullable(schema: SchemaObject): SchemaObject {
  return { ...schema, nullable: true };
}

/** An object whose properties are all present (possibly null), except those named optional. */
export function object(properties: Record<string, Schema>, optional: readonly string[] = [], description?: string): SchemaObject {
  const required = Object.keys(properties).filter((name) => !optional.includes(name));
  return { type: 'object', properties, ...(required.length > 0 ? { required } : {}), ...(description ? { description } : {}) };
}

/** Who recorded a fact, when, and where in the log: on most read-model documents. */
export const Source = component(
  'Source',
  object({ position, eventId: uuid, recordedAt: instant, actor: text('The subject of the token that recorded it') }, [], 'The event that recorded this'),
);

/** French and English text. */
export const Localised = component('Localised', object({ fr: text(), en: text() }));

/** Set on single-item answers: the position or instant the answer was read at, null for the head of the log. */
export const asOfField = nullable(text('The `asOf` the answer was read at, null for the head of the log'));

/** A page of a list: pass `next` as `after` for the following page. */
export function page(items: Schema, extra: Record<string, Schema> = {}): SchemaObject {
  return object({ ...extra, items: array(items), next: nullable(text('Pass as `after` for the next page; null on the last page')) });
}

/** The object schema with more properties, all present: a document as a query enriches it. */
export function extend(base: SchemaObject, properties: Record<string, Schema>, description?: string): SchemaObject {
  return {
    ...base,
    properties: { ...base.properties, ...properties },
    required: [...new Set([...(base.required ?? []), ...Object.keys(properties)])],
    ...(description ? { description } : {}),
  };
}

/** The business date an answer is about (decision 24): validAt as given, or the moment asked from. */
export const validAtField = text('The business date the answer is about: `validAt` as given (a date, or an instant in UTC), else the moment asked from');

/** Sent only when validAt is still to come: the answer is a plan, not a record. */
export const validAtInFutureField: SchemaObject = { type: 'boolean', enum: [true], description: 'Present when validAt is after now: what is planned, not what happened' };

/** An answer that states both its times: asOf (what the ledger knew) and validAt (the business date asked about). */
export function withTwoTimes(schema: SchemaObject): SchemaObject {
  const extended = extend(schema, { asOf: asOfField, validAt: validAtField, validAtInFuture: validAtInFutureField });
  return { ...extended, required: (extended.required ?? []).filter((name) => name !== 'validAtInFuture') };
}
