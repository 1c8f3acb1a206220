import { problemFrom, type Problem, type Schema } from '../api/client';

type CommandAnswer = Schema<'CommandResult'>;

export type Outcome<T = CommandAnswer> = { ok: true; answer: T } | { ok: false; problem: Problem; stale: boolean };

/**
 * What a command's answer means for a form. A stale form is one whose If-Match
 * no longer holds: 412 Precondition Failed, or 409 from services that answer
 * the revision mismatch with Conflict.
 */
export function outcomeOf<T = CommandAnswer>({ response, data, error }: { response: Response; data?: unknown; error?: unknown }): Outcome<T> {
  if (response.ok) return { ok: true, answer: data as T };
  const problem = problemFrom(response, error);
  return { ok: false, problem, stale: response.status === 412 || response.status === 409 };
}

/** The If-Match header for the revision a form was loaded at (-1: the stream does not exist yet). */
export const ifMatch = (revision: number) => `"${revision}"`;
