import createClient from 'openapi-fetch';
import type { paths } from './schema';
import validAtPaths from './valid-at-paths.json';
import { session } from '../session';
import type { Page, Problem } from './interim-types';

/** The typed client: a path or a request body the OpenAPI document lacks does not compile. */
export const api = createClient<paths>({ baseUrl: window.location.origin });

api.use({
  onRequest({ request }) {
    const token = session.token();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ response }) {
    // An expired or revoked token ends the session: the sign-in form comes back.
    if (response.status === 401 && session.token()) session.signOut();
    return response;
  },
});

type GetPath = { [P in keyof paths]: paths[P] extends { get: object } ? P : never }[keyof paths];

export interface ReadQuery {
  asOf?: string | null;
  validAt?: string | null;
  minPosition?: string;
  limit?: number;
  after?: string;
  [filter: string]: string | number | null | undefined;
}

/** Thrown for any answer that is not 2xx, with the server's problem+json. */
export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail || problem.title);
  }
}

function search(path: GetPath, query: ReadQuery): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === null || value === undefined || value === '') continue;
    // validAt travels in the app's URL always, and to the API where the document says it is accepted.
    if (name === 'validAt' && !(validAtPaths as string[]).includes(path)) continue;
    params.set(name, String(value));
  }
  return params.toString();
}

/** The problem+json of an answer the typed client already parsed (`error`), or one made from its status. */
export function problemFrom(response: Response, error: unknown): Problem {
  if (error && typeof error === 'object' && 'status' in error) return error as Problem;
  return { type: 'about:blank', title: response.statusText || `HTTP ${response.status}`, status: response.status, detail: typeof error === 'string' && error ? error : response.statusText };
}

async function problemOf(response: Response): Promise<Problem> {
  try {
    return problemFrom(response, await response.json());
  } catch {
    return problemFrom(response, undefined);
  }
}

/**
 * A GET through the typed client. Until the document describes query
 * parameters and answers, the query is serialised here and the answer typed
 * with an interim type.
 */
export async function read<T>(path: GetPath, pathParams: Record<string, string>, query: ReadQuery = {}): Promise<T> {
  const init = { params: { path: pathParams }, querySerializer: () => search(path, query) };
  const { data, error, response } = await api.GET(path, init as never);
  if (!response.ok) throw new ProblemError(problemFrom(response, error));
  return data as T;
}

/** Every item of a paginated list, following `next`. */
export async function readAll<T>(path: GetPath, pathParams: Record<string, string>, query: ReadQuery = {}): Promise<T[]> {
  const items: T[] = [];
  let after: string | undefined;
  do {
    const page: Page<T> = await read<Page<T>>(path, pathParams, { ...query, limit: 500, after });
    items.push(...page.items);
    after = page.next ?? undefined;
  } while (after);
  return items;
}

/** A binary answer (evidence, dossier) with its headers, fetched with the token. */
export async function download(url: string): Promise<{ blob: Blob; response: Response }> {
  const token = session.token();
  const response = await fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (!response.ok) throw new ProblemError(await problemOf(response));
  return { blob: await response.blob(), response };
}

/** Hands a blob to the browser as a file download. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A fresh Idempotency-Key (getRandomValues works outside secure contexts too). */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `web-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
