import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { DomainError, type FieldError } from './errors';

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Every request is validated: unknown fields are refused, and each problem names its field. */
export const validationPipe = () =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const fieldErrors = flatten(errors);
      const summary = fieldErrors.map((e) => `${e.field}: ${e.messages.join(', ')}`).join('; ');
      return new DomainError('validation', summary, { errors: fieldErrors });
    },
  });
