import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
// class-transformer's @Type metadata names the class of nested DTOs (arrays of objects).
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';

const PROBLEM_STATUSES: Record<string, string> = {
  '400': 'The request is not valid: `errors` names each field',
  '401': 'No valid bearer token',
  '403': 'This role may not do this',
  '404': 'Not found',
  '409': 'The stream moved on (If-Match) or an id was reused',
  '422': 'A business rule forbids this',
  '429': 'Too many requests for this token or this client address',
};

/**
 * The OpenAPI document. DTO schemas come from the same class-validator
 * decorators that validate requests, so the contract cannot drift from the
 * checks; every operation documents its RFC 9457 problem answers.
 */
export function buildOpenApi(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Confiance')
      .setDescription('Compliance ledger for SecNumCloud qualification. Every error is RFC 9457 problem+json.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  const schemas = validationMetadatasToSchemas({ refPointerPrefix: '#/components/schemas/', classTransformerMetadataStorage: defaultMetadataStorage });
  document.components = {
    ...document.components,
    schemas: {
      ...document.components?.schemas,
      ...(schemas as NonNullable<OpenAPIObject['components']>['schemas']),
      ProblemDetails: {
        type: 'object',
        required: ['type', 'title', 'status', 'detail'],
        properties: {
          type: { type: 'string', example: 'urn:confiance:problem:validation' },
          title: { type: 'string' },
          status: { type: 'integer' },
          detail: { type: 'string' },
          instance: { type: 'string' },
          errors: {
            type: 'array',
            items: { type: 'object', properties: { field: { type: 'string' }, messages: { type: 'array', items: { type: 'string' } } } },
          },
        },
      },
    },
  };
  for (const operations of Object.values(document.paths)) {
    for (const operation of Object.values(operations) as { responses?: Record<string, unknown>; security?: unknown }[]) {
      if (!operation || typeof operation !== 'object' || !('responses' in operation)) continue;
      for (const [status, description] of Object.entries(PROBLEM_STATUSES)) {
        operation.responses![status] ??= { description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } } } };
      }
    }
  }
  return document;
}

export function serveOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, buildOpenApi(app), { jsonDocumentUrl: 'docs/json' });
}
