import request from 'supertest';
import { createPublicKey, verify } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/test-app';
import { expectProblem } from '../support/http';
import { openCheckpoint } from '../../src/transparency/checkpoint';
import { leafHash } from '../../src/transparency/merkle';
import { parseVerifierKey } from '../../src/transparency/note';
import { checkConsistency, checkInclusion } from '../../src/transparency/proofs';

const b = (s: string) => Buffer.from(s, 'base64');

async function appendEvents(app: TestApp, stream: string, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => `${stream}-event-${i}-${Date.now()}`);
  await app.store.append(stream, ids.map((id) => ({ id, type: 'NoteTaken', data: { id }, actor: 'subject-1', correlationId: id })), 'any');
  return ids;
}

/** The latest checkpoint once it covers `size` leaves: the tree follows the log off the append path. */
async function checkpointOf(app: TestApp, size: number): Promise<string> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const response = await request(app.http).get('/transparency/checkpoint').set('Authorization', app.tokens.auditor);
    if (response.status === 200 && response.text.split('\n')[1] === String(size)) return response.text;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no checkpoint of size ${size}`);
}

describe('transparency log over HTTP', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({}, { CHECKPOINT_INTERVAL_SECONDS: '0', LOG_ORIGIN: 'ledger.test/log' });
  });
  afterAll(() => app.close());

  it('serves signed checkpoints, and proofs that an auditor checks with the published key alone', async () => {
    const first = await appendEvents(app, 'people-a', 3);
    const checkpoint1 = await checkpointOf(app, 3);
    const key = await request(app.http).get('/transparency/key').set('Authorization', app.tokens.auditor).expect(200);
    expect(key.body.pem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(key.body.verifierKey).toMatch(/^ledger\.test\/log\+[0-9a-f]{8}\+/);
    const log = parseVerifierKey(key.body.verifierKey);
    const opened1 = openCheckpoint(checkpoint1, log);

    // Node's own Ed25519 check of the note body, with the PEM key.
    const [text, line] = checkpoint1.split('\n\n');
    const signature = b(line.split(' ')[2]).subarray(4);
    expect(verify(null, Buffer.from(`${text}\n`), createPublicKey(key.body.pem), signature)).toBe(true);

    const more = await appendEvents(app, 'people-b', 4);
    const checkpoint2 = await checkpointOf(app, 7);
    const opened2 = openCheckpoint(checkpoint2, log);

    const proof = await request(app.http).get('/transparency/consistency?from=3&to=7').set('Authorization', app.tokens.compliance).expect(200);
    expect(proof.body.from).toBe(3);
    expect(checkConsistency(3, 7, opened1.rootHash, opened2.rootHash, proof.body.hashes.map(b))).toBeNull();

    const [event] = (await app.events()).filter((e) => e.id === more[2]);
    const inclusion = await request(app.http).get(`/transparency/inclusion?eventId=${more[2]}&treeSize=7`).set('Authorization', app.tokens.auditor).expect(200);
    expect(inclusion.body).toMatchObject({ leafIndex: 5, treeSize: 7, rootHash: opened2.rootHash.toString('base64') });
    expect(b(inclusion.body.leafHash)).toEqual(leafHash(Buffer.from(event.metadata.hash, 'hex')));
    expect(checkInclusion(5, 7, b(inclusion.body.leafHash), inclusion.body.hashes.map(b), opened2.rootHash)).toBeNull();

    const old = await request(app.http).get(`/transparency/inclusion?eventId=${first[0]}&treeSize=3`).set('Authorization', app.tokens.auditor).expect(200);
    expect(checkInclusion(0, 3, b(old.body.leafHash), old.body.hashes.map(b), opened1.rootHash)).toBeNull();

    const list = await request(app.http).get('/transparency/checkpoints?limit=1').set('Authorization', app.tokens.auditor).expect(200);
    expect(list.body.items[0]).toMatchObject({ treeSize: 7, checkpoint: checkpoint2 });
    const rest = await request(app.http).get(`/transparency/checkpoints?before=${list.body.next}`).set('Authorization', app.tokens.auditor).expect(200);
    expect(rest.body.items.map((c: { treeSize: number }) => c.treeSize)).toContain(3);
  });

  it('names the field of a proof it cannot give', async () => {
    expectProblem(await request(app.http).get('/transparency/consistency?from=5&to=2').set('Authorization', app.tokens.auditor), 400, 'from');
    expectProblem(await request(app.http).get('/transparency/consistency?from=1&to=99999').set('Authorization', app.tokens.auditor), 400, 'to');
    expectProblem(await request(app.http).get('/transparency/inclusion?treeSize=2').set('Authorization', app.tokens.auditor), 400, 'eventId');
    expectProblem(await request(app.http).get('/transparency/inclusion?eventId=nope').set('Authorization', app.tokens.auditor), 404);
    expect((await request(app.http).get('/transparency/checkpoint')).status).toBe(401);
  });
});
