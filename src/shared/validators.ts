import { Matches, ValidateBy, buildMessage, type ValidationOptions } from 'class-validator';

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

const isRealDate = (value: string) => !Number.isNaN(Date.parse(value)) && new Date(Date.parse(value.slice(0, 10))).toISOString().slice(0, 10) === value.slice(0, 10);

/** A calendar date such as 2022-06-30. */
export const IsCalendarDate = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value) => typeof value === 'string' && CALENDAR_DATE.test(value) && isRealDate(value),
        defaultMessage: buildMessage((each) => `${each}$property must be a date such as 2022-06-30`, options),
      },
    },
    options,
  );

/** An instant with its zone, such as 2022-06-30T09:00:00Z. */
export const IsInstant = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: (value) => typeof value === 'string' && INSTANT.test(value) && isRealDate(value),
        defaultMessage: buildMessage((each) => `${each}$property must be an instant with a zone, such as 2022-06-30T09:00:00Z`, options),
      },
    },
    options,
  );

/** A lowercase hex SHA-256 digest, as evidence is named. */
export const IsSha256 = (options?: ValidationOptions) =>
  Matches(/^[0-9a-f]{64}$/, { message: '$property must be a lowercase hex SHA-256 digest', ...options });
