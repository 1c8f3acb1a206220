import type { Response } from 'supertest';

/** Asserts an RFC 9457 answer of the given status, naming `field` among its errors when given. */
export function expectProblem(response: Response, status: number, field?: string): void {
  expect({ status: response.status, body: response.body }).toMatchObject({ status, body: { status } });
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(typeof response.body.detail).toBe('string');
  if (field) {
    const named = [...(response.body.errors ?? []).map((e: { field: string }) => e.field), response.body.field];
    expect(named).toContain(field);
  }
}

/** Asserts a command's answer: 201 (or the given status), where its events landed, and the ETag. */
export function expectCommandResult(response: Response, status = 201): { id?: string; stream: string; revision: number; position: string; eventIds: string[] } {
  expect({ status: response.status, body: response.body }).toMatchObject({ status });
  expect(response.body).toEqual(
    expect.objectContaining({ stream: expect.any(String), revision: expect.any(Number), eventIds: expect.any(Array) }),
  );
  expect(response.headers.etag).toBe(`"${response.body.revision}"`);
  return response.body;
}
