import { applyDecorators } from '@nestjs/common';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsOptional, IsString, Length, Matches, type ValidationOptions } from 'class-validator';

export { IsCalendarDate, IsInstant } from './points-in-time';

/** A lowercase hex SHA-256 digest, as evidence is named. */
export const IsSha256 = (options?: ValidationOptions) =>
  Matches(/^[0-9a-f]{64}$/, { message: '$property must be a lowercase hex SHA-256 digest', ...options });

/** A text that says something: not empty, not only spaces (titles, names, labels, reasons, justifications). */
export const NotBlank = (options?: ValidationOptions) => Matches(/\S/, { message: '$property must not be blank', ...options });

/**
 * The certifications a change or milestone concerns (decision 30): optional,
 * since left out it concerns the whole provider; when given, 1 to 50 distinct ids.
 */
export const IsCertificationScope = () =>
  applyDecorators(IsOptional(), IsArray(), ArrayMinSize(1), ArrayMaxSize(50), ArrayUnique(), IsString({ each: true }), Length(1, 200, { each: true }));
