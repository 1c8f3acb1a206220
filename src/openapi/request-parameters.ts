import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ApiParam, ApiQuery } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { targetConstructorToSchema } from 'class-validator-jsonschema';
import { REQUEST_SCHEMA_OPTIONS } from './request-schemas';

/** What the shared query parameters mean; the constraints come from the class-validator decorators. */
const MEANING: Record<string, string> = {
  asOf: 'Answer as the state was at this log position (digits) or instant with a zone (`2022-06-30T09:00:00Z`)',
  minPosition: 'Wait (briefly) until the read models have reached this log position, such as the `position` a command answered',
  limit: 'Items per page (default 50)',
  after: 'The `next` cursor of the previous page',
  lang: 'Language of the dossier',
  from: 'Start: a log position or an instant',
  to: 'End: a log position or an instant (default: the head of the log)',
};

type RouteArg = { index: number; data?: unknown };

/**
 * The route's @Query() and @Param() objects whose type is a validated class
 * become documented parameters, with the same constraints the validation pipe
 * applies (class-validator-jsonschema reads them), so the document cannot
 * miss or misstate one.
 */
export function parametersOf(target: object, key: string | symbol): MethodDecorator[] {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, target.constructor, key) ?? {}) as Record<string, RouteArg>;
  const types = (Reflect.getMetadata('design:paramtypes', target, key) ?? []) as unknown[];
  return Object.entries(args).flatMap(([slot, { index, data }]) => {
    const kind = Number(slot.split(':')[0]);
    const type = types[index];
    if (data !== undefined || typeof type !== 'function' || type === String || type === Object) return [];
    if (kind !== RouteParamtypes.QUERY && kind !== RouteParamtypes.PARAM) return [];
    const schema = targetConstructorToSchema(type as new () => unknown, REQUEST_SCHEMA_OPTIONS) as SchemaObject;
    const required = new Set(schema.required ?? []);
    return Object.entries(schema.properties ?? {}).map(([name, property]) => {
      const options = { name, required: kind === RouteParamtypes.PARAM || required.has(name), schema: property as SchemaObject, description: MEANING[name] };
      return kind === RouteParamtypes.QUERY ? ApiQuery(options) : ApiParam(options);
    });
  });
}

/** Path parameters named in the route (`@Param('id')`): their presence means the operation can answer 404. */
export function hasPathParameters(target: object, key: string | symbol): boolean {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, target.constructor, key) ?? {}) as Record<string, RouteArg>;
  return Object.keys(args).some((slot) => Number(slot.split(':')[0]) === RouteParamtypes.PARAM);
}
