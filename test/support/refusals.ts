import type { Response } from 'supertest';
import type { Role } from '../../src/auth/roles';
import { expectProblem } from './http';
import type { TestApp } from './test-app';

/** [what is wrong, the request (path and body), expected status, the field the answer names, the role sending it]. */
export type Refusal = [string, () => [string, object], number, string | undefined, RecordingRole?];

/** The roles that send commands (a metrics token only scrapes). */
type RecordingRole = Exclude<Role, 'metrics'>;

/**
 * One test per refusal, grouped by route: the answer is problem+json naming
 * the field, and the log holds exactly the events it held before.
 */
export function describeRefusals(refusals: Record<string, Refusal[]>, app: () => TestApp, send: (path: string, body: object, role: RecordingRole) => PromiseLike<Response>): void {
  describe.each(Object.keys(refusals))('%s', (route) => {
    // Rows are passed whole: Jest would hand a done callback to a trailing parameter a row leaves out.
    it.each(refusals[route].map((row) => [row[0], row] as const))('refuses %s with problem+json and appends nothing', async (_, [, requestOf, status, field, role]) => {
      const [path, body] = requestOf();
      const before = (await app().events()).length;
      expectProblem(await send(path, body, role ?? 'compliance'), status, field);
      expect(await app().events()).toHaveLength(before);
    });
  });
}
