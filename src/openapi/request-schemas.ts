import { getMetadataStorage, ValidationTypes } from 'class-validator';
import type { IOptions } from 'class-validator-jsonschema/build/options';
import { LOG_POINT_PATTERN } from '../shared/points-in-time';
// class-transformer's @Type metadata names the class of nested DTOs (arrays of objects).
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';

/** The project's own validators (src/shared/validators.ts), by name, as JSON schema. */
const CUSTOM: Record<string, { type: 'string'; format?: string; pattern?: string }> = {
  isCalendarDate: { type: 'string', format: 'date' },
  isInstant: { type: 'string', format: 'date-time' },
  isLogPoint: { type: 'string', pattern: LOG_POINT_PATTERN },
};

/**
 * Options for class-validator-jsonschema, shared by request bodies and by
 * query and path parameters: custom validators become the formats they check.
 */
export const REQUEST_SCHEMA_OPTIONS: Partial<IOptions> = {
  refPointerPrefix: '#/components/schemas/',
  classTransformerMetadataStorage: defaultMetadataStorage,
  additionalConverters: {
    [ValidationTypes.CUSTOM_VALIDATION]: (meta) => {
      const [constraint] = meta.constraintCls ? getMetadataStorage().getTargetValidatorConstraints(meta.constraintCls) : [];
      return (constraint?.name && CUSTOM[constraint.name]) || { type: 'string' };
    },
  },
};
