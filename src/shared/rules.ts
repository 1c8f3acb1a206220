import { invalid } from './errors';

/**
 * Business dates cannot lie in the future. A calendar date is compared with
 * the date in the earliest time zone (UTC+14), an instant with five minutes
 * of tolerance for clock skew between the client and the server.
 */
export function notInFuture(field: string, value: string, now: Date): void {
  const isCalendarDate = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const limit = isCalendarDate
    ? new Date(now.getTime() + 14 * 3600_000).toISOString().slice(0, 10)
    : new Date(now.getTime() + 5 * 60_000).toISOString();
  const comparable = isCalendarDate ? value : new Date(value).toISOString();
  if (comparable > limit) throw invalid(field, `cannot be in the future (${value})`);
}

/** `a` is on or after `b`; both ISO dates or instants. */
export const notBefore = (field: string, value: string, earliest: string, what: string): void => {
  if (new Date(value).getTime() < new Date(earliest).getTime()) throw invalid(field, `cannot be before ${what} (${earliest})`);
};

/** The calendar date (UTC) of an instant: what "today" is for validity, expiry and overdue answers. */
export const today = (now: Date): string => now.toISOString().slice(0, 10);

export const addYears = (date: string, years: number): string => {
  const d = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString().slice(0, 10);
};
