import { ValidateBy, type ValidationOptions } from 'class-validator';
import { invalid } from './errors';
import { isCalendarDate, isInstant } from './points-in-time';

/**
 * `validAt`: the business date a query is about ("the state on 31 December
 * 2023"), as opposed to `asOf`, what the ledger knew. A calendar date means
 * the end of that day in UTC, so that everything dated that day counts; an
 * instant must carry its zone.
 */
export interface ValidAt {
  /** As the answer echoes it: the date as given, or the instant in UTC. */
  echo: string;
  /** The last instant the question covers, in UTC. */
  instant: string;
  /** Its calendar day in UTC, to compare with facts dated by day. */
  day: string;
  /** After the moment asked from (planning ahead): the answer says so. */
  inFuture: boolean;
}

const MESSAGE = 'must be a date such as 2023-12-31 or an instant with its zone such as 2023-12-31T18:00:00Z, from 1970 on';

/**
 * `value` as a business point, or `now` when absent; a 400 naming `field` when
 * it is neither a date nor an instant, or before 1970. `present` (the clock)
 * tells whether the date asked about is still to come.
 */
export function parseValidAt(value: string | undefined, now: Date, field = 'validAt', present: Date = now): ValidAt {
  if (value === undefined || value === '') {
    const instant = now.toISOString();
    return { echo: instant, instant, day: instant.slice(0, 10), inFuture: false };
  }
  // The strict reading of dates and instants is points-in-time's; a business point is either.
  const isDate = isCalendarDate(value);
  if (!isDate && !isInstant(value)) throw invalid(field, MESSAGE);
  const ms = isDate ? Date.parse(`${value}T23:59:59.999Z`) : Date.parse(value);
  const instant = new Date(ms).toISOString();
  // A date is in the future once its first instant is; an instant, once it is after now.
  const start = isDate ? Date.parse(`${value}T00:00:00Z`) : ms;
  return { echo: isDate ? value : instant, instant, day: instant.slice(0, 10), inFuture: start > present.getTime() };
}

/** What every answer says about the two times it was computed at. */
export function twoTimes(asOf: string | null, validAt: ValidAt): { asOf: string | null; validAt: string; validAtInFuture?: true } {
  return validAt.inFuture ? { asOf, validAt: validAt.echo, validAtInFuture: true } : { asOf, validAt: validAt.echo };
}

/** For query DTOs: a 400 naming the property when it is not a business point `parseValidAt` takes. */
export const IsValidAt = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isValidAt',
      validator: {
        validate: (value) => {
          if (typeof value !== 'string') return false;
          try {
            parseValidAt(value, new Date(0));
            return true;
          } catch {
            return false;
          }
        },
        defaultMessage: () => `$property ${MESSAGE}`,
      },
    },
    options,
  );
