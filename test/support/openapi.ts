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
