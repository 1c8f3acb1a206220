import createClient from 'openapi-fetch';
import type { components, paths } from './schema';
import { session } from '../session';

/** The typed client: a path, a query parameter or a request body the OpenAPI document lacks does not compile. */
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

/** A schema of the OpenAPI document, by name: answers are typed from the document, never by hand. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

/** The problem+json fields the app shows; one it makes for a failure without an answer has no `instance`. */
export type Problem = Pick<Schema<'ProblemDetails'>, 'type' | 'title' | 'status' | 'detail' | 'errors' | 'field'> & { instance?: string };

/** Thrown for any answer that is not 2xx, with the server's problem+json. */
export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail || problem.title);
  }
}

/** A time-travel value of the app's URL as the API takes it: absent rather than null or empty. */
export const given = (value: string | null | undefined): string | undefined => value || undefined;

/** The problem+json of an answer the typed client already parsed (`error`), or one made from its status. */
export function problemFrom(response: Response, error: unknown): Problem {
  if (error && typeof error === 'object' && 'status' in error) return error as Problem;
  return { type: 'about:blank', title: response.statusText || `HTTP ${response.status}`, status: response.status, detail: typeof error === 'string' && error ? error : response.statusText };
}

/** What a typed call answers: its 2xx body as the document types it, or a ProblemError. */
export async function answer<Data>(call: Promise<{ data?: Data; error?: unknown; response: Response }>): Promise<Data> {
  const { data, error, response } = await call;
  if (!response.ok || data === undefined) throw new ProblemError(problemFrom(response, error));
  return data;
}

/** Every item of a paginated list: `page` reads one page after a cursor, `next` leads to the following one. */
export async function readAll<Item>(page: (after: string | undefined) => Promise<{ items: Item[]; next?: string | null }>): Promise<Item[]> {
  const items: Item[] = [];
  let after: string | undefined;
  do {
    const read = await page(after);
    items.push(...read.items);
    after = read.next ?? undefined;
  } while (after);
  return items;
}

/** The most items a page may hold, so a list takes few round trips. */
export const PAGE_SIZE = 500;

/** A binary answer (evidence, dossier) with its headers, through the typed client. */
export async function download(call: Promise<{ data?: unknown; error?: unknown; response: Response }>): Promise<{ blob: Blob; response: Response }> {
  const { data, error, response } = await call;
  if (!response.ok || !(data instanceof Blob)) throw new ProblemError(problemFrom(response, error));
  return { blob: data, response };
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
