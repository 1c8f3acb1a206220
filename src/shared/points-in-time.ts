import { ValidateBy, buildMessage, type ValidationOptions } from 'class-validator';

/**
 * The one place where dates, instants and points of the log are read from
 * what users send (HTTP bodies and queries, the CLI). Everything here is pure.
 */

/** No business date precedes the Unix epoch: the ledger records the facts of a qualification, all of them recent. */
export const EARLIEST_DAY = '1970-01-01';

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** ISO 8601 extended format, with seconds optional and a zone required (Z or ±hh:mm). */
const INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/;
const POSITION = /^\d{1,19}$/;

/** A day that exists in the calendar (2024-02-29 does, 2023-02-29 and 2024-02-30 do not). */
function isRealDay(value: string): boolean {
  const match = CALENDAR_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A calendar date such as 2022-06-30, real, not before 1970. */
export const isCalendarDate = (value: unknown): value is string => typeof value === 'string' && isRealDay(value) && value >= EARLIEST_DAY;

/** An instant with its zone such as 2022-06-30T09:00:00Z: a real day, a real time of day, a real offset, not before 1970. */
export function isInstant(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = INSTANT.exec(value);
  if (!match || !isRealDay(match[1])) return false;
  const [hours, minutes, seconds] = [Number(match[2]), Number(match[3]), Number(match[4] ?? 0)];
  if (hours > 23 || minutes > 59 || seconds > 59) return false;
  if (match[5] !== 'Z' && (Number(match[6]) > 14 || Number(match[7]) > 59)) return false;
  return Date.parse(value) >= 0;
}

/** A point of the log as users name one: a position, or the instant at which the log stood there. */
export type LogPoint = { position: string } | { instant: string };

/** The shape of a point, as a regular expression for documents (the day and time of day are checked beyond it). */
export const LOG_POINT_PATTERN = `^(?:${POSITION.source.slice(1, -1)}|${INSTANT.source.slice(1, -1)})$`;

const POINT_RULE = 'a log position (digits) or an instant with a zone such as 2022-06-30T09:00:00Z';

/** Why `value` names no point, or null when it does. A date alone is refused: which moment of which day, in which zone, is the caller's to say. */
export function pointProblem(value: unknown): string | null {
  if (typeof value !== 'string') return `must be ${POINT_RULE}`;
  if (POSITION.test(value) || isInstant(value)) return null;
  if (CALENDAR_DATE.test(value)) return `is a date alone; give ${POINT_RULE} (for the end of ${value}, ${value}T23:59:59Z)`;
  return `must be ${POINT_RULE}, on a real day and time, not before 1970`;
}

/** The point a valid value names (check it with pointProblem or IsLogPoint first). */
export function parsePoint(value: string): LogPoint {
  return POSITION.test(value) ? { position: String(BigInt(value)) } : { instant: new Date(value).toISOString() };
}

/** A calendar date such as 2022-06-30, not before 1970. */
export const IsCalendarDate = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: isCalendarDate,
        defaultMessage: buildMessage((each) => `${each}$property must be a real date such as 2022-06-30, not before ${EARLIEST_DAY}`, options),
      },
    },
    options,
  );

/** An instant with its zone, such as 2022-06-30T09:00:00Z, not before 1970. */
export const IsInstant = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: isInstant,
        defaultMessage: buildMessage((each) => `${each}$property must be a real instant with a zone, such as 2022-06-30T09:00:00Z, not before ${EARLIEST_DAY}`, options),
      },
    },
    options,
  );

/** `asOf`, `from`, `to`: a log position or an instant with a zone. */
export const IsLogPoint = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isLogPoint',
      validator: {
        validate: (value) => pointProblem(value) === null,
        defaultMessage: (args) => `${args?.property ?? 'point'} ${pointProblem(args?.value) ?? `must be ${POINT_RULE}`}`,
      },
    },
    options,
  );
