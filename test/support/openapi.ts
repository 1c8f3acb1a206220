import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

export interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header';
  required?: boolean;
  schema: JsonSchema;
}

export interface JsonSchema {
  type?: string;
  enum?: unknown[];
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  required?: string[];
  items?: JsonSchema;
  $ref?: string;
  [keyword: string]: unknown;
}

export interface Operation {
  operationId: string;
  tags?: string[];
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: JsonSchema }>; headers?: Record<string, unknown> }>;
  security?: unknown[];
}

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, JsonSchema> };
}

export const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** Every operation of the document with its method and path. */
export function operationsOf(document: OpenApiDocument): { method: string; path: string; operation: Operation }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => (item[method] ? [{ method, path, operation: item[method] }] : [])),
  );
}

/**
 * Closes every object schema that lists its properties (unless it says
 * otherwise), so an answer carrying a field the document does not declare
 * fails: the document must say everything a client receives.
 */
function closed(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closed);
  if (schema === null || typeof schema !== 'object') return schema;
  const copy = Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, key === 'properties' ? Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, closed(v)])) : closed(value)]));
  if ('properties' in copy && !('additionalProperties' in copy)) copy.additionalProperties = false;
  return copy;
}

/** Validates answers against the schemas the document declares for them (ajv, OpenAPI 3.0 `nullable` included). */
export function answerValidator(document: OpenApiDocument) {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat('binary', true);
  const rebased = (schema: unknown) => JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', '"openapi.json#/components/schemas/')) as JsonSchema;
  ajv.addSchema({ $id: 'openapi.json', components: { schemas: rebased(closed(document.components.schemas)) } });
  const compiled = new Map<string, ValidateFunction>();
  return (operation: Operation, status: number, body: unknown): string[] => {
    const response = operation.responses[String(status)];
    if (!response) return [`${operation.operationId}: status ${status} is not documented`];
    const schema = response.content?.['application/json']?.schema ?? response.content?.['application/problem+json']?.schema;
    if (!schema) return [`${operation.operationId}: ${status} declares no JSON schema`];
    const key = `${operation.operationId} ${status}`;
    if (!compiled.has(key)) compiled.set(key, ajv.compile(rebased(closed(schema))));
    const validate = compiled.get(key)!;
    return validate(body) ? [] : (validate.errors ?? []).map((e) => `${key}: ${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
  };
}

/** Values a parameter's documented schema refuses: each must be a 400 naming the parameter. */
export function invalidValuesOf(schema: JsonSchema): string[] {
  const values: string[] = [];
  if (schema.enum) values.push('not-one-of-them');
  if (schema.type === 'integer' || schema.type === 'number') values.push('abc', '1.5');
  if (schema.minimum !== undefined) values.push(String(schema.minimum - 1));
  if (schema.maximum !== undefined) values.push(String(schema.maximum + 1));
  if (schema.maxLength !== undefined) values.push('a'.repeat(schema.maxLength + 1));
  if (schema.format === 'date') values.push('2022-02-30', '30/06/2022');
  if (schema.format === 'date-time') values.push('2022-06-30T09:00:00');
  if (schema.pattern) values.push(...['x y!', '-1', '2022-13-45T99'].filter((value) => !new RegExp(schema.pattern!).test(value)));
  return values;
}
