import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app';
import { expectCommandResult } from '../support/http';

/** Every file under `dir`, recursively. */
const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });

/** The byte forms SQLite (UTF-8 by default, UTF-16 when a database says so) could keep a text in. */
const encodings = (text: string): Buffer[] => {
  const utf16le = Buffer.from(text, 'utf16le');
  return [Buffer.from(text, 'utf8'), utf16le, Buffer.from(utf16le).swap16()];
};

/** Which of the texts some file under `dir` still holds, as "file: text". */
const traces = (dir: string, texts: string[]): string[] =>
  filesUnder(dir).flatMap((file) => {
    const bytes = readFileSync(file);
    return texts.filter((text) => encodings(text).some((form) => bytes.includes(form))).map((text) => `${file.slice(dir.length + 1)}: ${text}`);
  });

describe('erasure leaves nothing on disk', () => {
  let t: TestApp;
  let running = true;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    if (running) await t.app.close();
    rmSync(t.dataDir, { recursive: true, force: true });
  });

  it('removes the name and e-mail, earlier registrations included, from every file under DATA_DIR, while the server runs and after it stops', async () => {
    const admin = { authorization: t.tokens.admin };
    const first = { subject: 'ines.erasable', displayName: 'Inès Effaçable-Moreau', email: 'ines.effacable@example.fr', organisation: 'Audit interne' };
    const second = { ...first, displayName: 'Inès Effaçable-Dupont', email: 'ines.dupont-effacable@example.fr' };
    const personal = [first.displayName, first.email, second.displayName, second.email];
    expectCommandResult(await request(t.http).post('/people').set(admin).send(first));
    expectCommandResult(await request(t.http).post('/people').set(admin).set('idempotency-key', 'details-2').send(second));
    // Someone else stays registered, and tokens keep being used: the registry is alive around the erasure.
    expectCommandResult(await request(t.http).post('/people').set(admin).send({ subject: 'paul.kept', displayName: 'Paul Gardé', email: 'paul.garde@example.fr' }));
    expect(traces(t.dataDir, personal).length).toBeGreaterThan(0);

    expectCommandResult(await request(t.http).delete('/people/ines.erasable').set(admin), 200);
    expect((await request(t.http).get('/people/ines.erasable').set(admin).expect(200)).body).toMatchObject({ erased: true, displayName: null });
    expect(traces(t.dataDir, personal)).toEqual([]);
    expect((await request(t.http).get('/people/paul.kept').set(admin).expect(200)).body.displayName).toBe('Paul Gardé');

    await t.app.close();
    running = false;
    expect(traces(t.dataDir, personal)).toEqual([]);
    expect(traces(t.dataDir, ['Paul Gardé'])).not.toEqual([]);
  });
});
