import { useEffect, useState } from 'preact/hooks';

/**
 * Routes live in the fragment (#/certifications/scn-demo/soa?asOf=61), so the
 * service needs no fallback route and a link reproduces the view exactly:
 * the time-travel parameters and the table's filters are all in it.
 */
export interface Route {
  path: string;
  query: URLSearchParams;
}

export function currentRoute(): Route {
  const hash = window.location.hash.replace(/^#/, '') || '/';
  const [path, search = ''] = hash.split('?');
  return { path: path || '/', query: new URLSearchParams(search) };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(currentRoute);
  useEffect(() => {
    const onChange = () => setRoute(currentRoute());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

/** The parameters that travel from page to page: what the ledger knew and the business date. */
export const TIME_PARAMS = ['asOf', 'validAt'] as const;

/** A link to `path` that keeps the current time-travel parameters, plus `extra` ones. */
export function href(path: string, from: URLSearchParams, extra: Record<string, string | undefined> = {}): string {
  const query = new URLSearchParams();
  for (const name of TIME_PARAMS) {
    const value = from.get(name);
    if (value) query.set(name, value);
  }
  for (const [name, value] of Object.entries(extra)) if (value) query.set(name, value);
  const search = query.toString();
  return `#${path}${search ? `?${search}` : ''}`;
}

/** Replaces some parameters of the current view (empty values remove them). */
export function setQuery(changes: Record<string, string | undefined>): void {
  const { path, query } = currentRoute();
  for (const [name, value] of Object.entries(changes)) {
    if (value) query.set(name, value);
    else query.delete(name);
  }
  const search = query.toString();
  window.location.hash = `${path}${search ? `?${search}` : ''}`;
}
