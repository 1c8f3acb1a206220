import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { OperationObject, ParameterObject, ResponseObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { namedSchemas, text } from '../openapi/schema';
import { problemResponse } from '../openapi/problems';
import { REQUEST_SCHEMA_OPTIONS } from '../openapi/request-schemas';
import { CACHED_ROUTES } from '../read-side/answer-cache';

const TAGS: Record<string, string> = {
  people: 'The people registry: names and e-mails, which events never carry',
  milestones: 'Milestones of the partnership and of the qualification',
  certifications: 'Certifications, their steps and their requirements',
  controls: 'Applicability and control checks of a requirement',
  frameworks: 'The requirement catalogues (SecNumCloud)',
  evidence: 'Evidence files, stored by SHA-256',
  audits: 'Audits and their findings',
  incidents: 'Security incidents and their notification deadlines',
  changes: 'Reviews of upstream changes before deployment',
  timeline: 'The partnership timeline',
  history: 'The recorded events, their chains and what changed between two points',
  obligations: 'Deadlines across areas: findings, incidents, certification renewals',
  dossier: 'The auditor\'s evidence dossier',
  operations: 'Health, integrity and metrics',
  admin: 'Rebuilding read models',
};

const CORRELATION_HEADER: ParameterObject = {
  name: 'X-Correlation-Id',
  in: 'header',
  required: false,
  description: 'Ties this request to others; recorded in the events it appends. A missing or malformed one is replaced by a new UUID, sent back in the answer.',
  schema: text(undefined, { pattern: '^[\\w.:-]{1,128}$' }),
};

const IF_NONE_MATCH: ParameterObject = {
  name: 'If-None-Match',
  in: 'header',
  required: false,
  description: 'The ETag of an answer already held: 304 with no body while the ledger, the caller and the request are the same (decision 39).',
  schema: text(),
};

/** Query routes answered from the answer cache: their ETag, Cache-Control and 304 (decision 39). */
function describeConditionalGet(operation: OperationObject): void {
  operation.parameters = [...(operation.parameters ?? []), IF_NONE_MATCH];
  const responses = operation.responses as Record<string, ResponseObject>;
  const headers = {
    ETag: { description: 'Strong tag of this answer: the log position, then a digest of the read models\' state, the request and the caller\'s role and engagement', schema: text() },
    'Cache-Control': { description: '`private, no-cache`: keep the answer, ask again with If-None-Match', schema: text() },
  };
  responses['200'] = { ...responses['200'], headers: { ...responses['200']?.headers, ...headers } };
  responses['304'] = { description: 'Not modified: the answer held (If-None-Match) is still the answer; no body', headers };
}

/** `Controller_method` made stable and readable: `audits_plan`, `auditsRead_list`, `health_health`. */
function operationId(controllerKey: string, methodKey: string): string {
  const area = controllerKey.replace(/Controller$/, '');
  return `${area.charAt(0).toLowerCase()}${area.slice(1)}_${methodKey}`;
}

/**
 * What every operation shares is added here, once: bearer security with its
 * 401 and 403 (unless marked open), 429 (unless not rate-limited), 503 where
 * `minPosition` makes it wait, and the X-Correlation-Id request and answer
 * header.
 */
function completeOperation(operation: OperationObject & Record<string, unknown>): void {
  const open = operation['x-public'] === true;
  delete operation['x-public'];
  operation.security = open ? [] : [{ bearer: [] }];
  operation.parameters = [...(operation.parameters ?? []), CORRELATION_HEADER];
  const responses = operation.responses as Record<string, ResponseObject>;
  if (!open) {
    responses['401'] ??= problemResponse(401);
    responses['403'] ??= problemResponse(403);
  }
  if (operation['x-rate-limited'] !== false) {
    responses['429'] ??= { ...problemResponse(429), headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer', minimum: 0 } } } };
  }
  if ((operation.parameters ?? []).some((parameter) => 'name' in parameter && parameter.name === 'minPosition')) {
    responses['503'] ??= problemResponse(503, 'The read models did not reach minPosition within the wait (5 s)');
  }
  for (const [status, response] of Object.entries(responses)) {
    if (/^2\d\d$/.test(status)) response.headers = { ...response.headers, 'X-Correlation-Id': { description: 'The correlation id of this request', schema: text() } };
  }
  operation.responses = Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b)));
}

/** The request schemas that `paths` cite, directly or through one another (query and path classes are spread into parameters). */
function citedFrom(paths: unknown, schemas: Record<string, unknown>): Record<string, unknown> {
  const cited: Record<string, unknown> = {};
  const visit = (value: unknown) => {
    for (const [, name] of JSON.stringify(value).matchAll(/"#\/components\/schemas\/(\w+)"/g)) {
      if (name in schemas && !(name in cited)) {
        cited[name] = schemas[name];
        visit(schemas[name]);
      }
    }
  };
  visit(paths);
  return cited;
}

/**
 * The OpenAPI document. Request schemas come from the class-validator
 * decorators that validate requests (bodies, query strings, path objects), so
 * the contract cannot drift from the checks; answers are declared by the
 * decorators of src/openapi on each route (docs/decisions/0019-openapi-contract.md).
 */
export function buildOpenApi(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Confiance')
    .setDescription('Compliance ledger for SecNumCloud qualification. Every error is RFC 9457 problem+json.')
    .setVersion('1')
    .addServer('/', 'This server')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'A token made by `confiance token create`' }, 'bearer');
  for (const [name, description] of Object.entries(TAGS)) builder.addTag(name, description);
  const document = SwaggerModule.createDocument(app, builder.build(), { operationIdFactory: operationId });
  const requestSchemas = validationMetadatasToSchemas(REQUEST_SCHEMA_OPTIONS);
  document.components = {
    ...document.components,
    schemas: {
      ...document.components?.schemas,
      ...citedFrom(document.paths, requestSchemas),
      ...namedSchemas(),
    } as NonNullable<OpenAPIObject['components']>['schemas'],
  };
  for (const [path, operations] of Object.entries(document.paths)) {
    if (operations.get && CACHED_ROUTES.has(path.replace(/\{(\w+)\}/g, ':$1'))) describeConditionalGet(operations.get);
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = operations[method];
      if (operation) completeOperation(operation as OperationObject & Record<string, unknown>);
    }
  }
  return document;
}

export function serveOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, buildOpenApi(app), { jsonDocumentUrl: 'docs/json' });
}
