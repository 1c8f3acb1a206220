import { given } from '../api/client';

/**
 * The two times of the view as the API takes them: `asOf` (what the ledger
 * knew) and `validAt` (the business date). Every read passes both, so a past
 * business date changes what a page shows, not only its URL.
 */
export function timesOf(query: URLSearchParams): { asOf: string | undefined; validAt: string | undefined; key: string } {
  const asOf = given(query.get('asOf'));
  const validAt = given(query.get('validAt'));
  return { asOf, validAt, key: `${asOf}|${validAt}` };
}
