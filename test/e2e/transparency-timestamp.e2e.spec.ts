import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { readCertificates, verifyTimestamp } from '../../src/transparency/timestamp-verify';
import { expectCommandResult, expectProblem } from '../support/http';
import { createOpensslTsa, type OpensslTsa, type ServedTsa } from '../support/openssl-tsa';
import { startTestApp, type TestApp } from '../support/test-app';

interface CheckpointItem {
  treeSize: number;
  checkpoint: string;
  timestamp: string | null;
}

describe('checkpoints time-stamped by a real RFC 3161 authority (OpenSSL)', () => {
  let tsa: OpensslTsa;
  let served: ServedTsa;
  let app: TestApp;
  let registered = 0;

  const checkpoints = async (): Promise<CheckpointItem[]> =>
    (await request(app.http).get('/transparency/checkpoints').set('authorization', app.tokens.auditor).expect(200)).body.items;

  /** The newest checkpoint once it covers every event appended and `stamped` says so: stamping follows issuance. */
  const newest = async (stamped: boolean): Promise<CheckpointItem> => {
    const head = (await app.events()).length;
    for (let attempt = 0; attempt < 200; attempt++) {
      const [latest] = await checkpoints();
      if (latest?.treeSize === head && (latest.timestamp !== null) === stamped) return latest;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no checkpoint of size ${head} ${stamped ? 'with' : 'without'} a token`);
  };

  const register = async () => {
    registered += 1;
    const person = { subject: `person-${registered}`, displayName: `Person ${registered}`, email: `p${registered}@example.fr`, organisation: 'S3NS' };
    return expectCommandResult(await request(app.http).post('/people').set('authorization', app.tokens.compliance).send(person));
  };

  beforeAll(async () => {
    tsa = await createOpensslTsa();
    served = await tsa.serve();
    app = await startTestApp({}, { CHECKPOINT_INTERVAL_SECONDS: '0', TSA_URL: served.url, TSA_RETRY_SECONDS: '1' });
  }, 60_000);

  afterAll(async () => {
    await app.close();
    await served.close();
    tsa.remove();
  });

  it('stores the token with the checkpoint and serves it; it verifies with our checker and with openssl ts -verify', async () => {
    await register();
    const latest = await newest(true);
    const token = (await request(app.http).get(`/transparency/timestamp?treeSize=${latest.treeSize}`).set('authorization', app.tokens.auditor).buffer(true).expect(200)).body as Buffer;
    expect(token.equals(Buffer.from(latest.timestamp!, 'base64'))).toBe(true);

    const check = await verifyTimestamp(token, latest.checkpoint, readCertificates(readFileSync(tsa.caPem)));
    expect(check).toMatchObject({ ok: true, tsa: 'O=Confiance Tests, CN=Test Time-Stamping Authority', trusted: true });

    // No witness has cosigned: the checkpoint served is the signed note the imprint covers.
    writeFileSync(join(tsa.dir, 'served-token.der'), token);
    writeFileSync(join(tsa.dir, 'served-checkpoint.txt'), latest.checkpoint);
    const { stdout } = await promisify(execFile)('openssl', ['ts', '-verify', '-token_in', '-in', 'served-token.der', '-data', 'served-checkpoint.txt', '-CAfile', 'ca.pem'], { cwd: tsa.dir });
    expect(stdout).toContain('Verification: OK');

    expectProblem(await request(app.http).get('/transparency/timestamp?treeSize=9999').set('authorization', app.tokens.auditor), 404);
    expectProblem(await request(app.http).get('/transparency/timestamp?treeSize=none').set('authorization', app.tokens.auditor), 400, 'treeSize');
  }, 60_000);

  it('keeps acknowledging appends while the TSA is down, shows the missing token, and stamps the checkpoint once the TSA is back', async () => {
    await served.stop();
    const acknowledged = await register();
    expect(acknowledged.eventIds).toHaveLength(1);
    const unstamped = await newest(false);
    const missing = await request(app.http).get(`/transparency/timestamp?treeSize=${unstamped.treeSize}`).set('authorization', app.tokens.auditor);
    expectProblem(missing, 404);
    expect(missing.body.detail).toMatch(new RegExp(`^the checkpoint of size ${unstamped.treeSize} has no time-stamp token: the TSA has not stamped it yet \\(the TSA cannot be reached \\(ECONNREFUSED\\)\\); it is retried$`));

    await served.start();
    for (let attempt = 0; attempt < 200; attempt++) {
      const again = (await checkpoints()).find((c) => c.treeSize === unstamped.treeSize);
      if (again?.timestamp) {
        const check = await verifyTimestamp(Buffer.from(again.timestamp, 'base64'), again.checkpoint, readCertificates(readFileSync(tsa.caPem)));
        expect(check.ok).toBe(true);
        return;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the checkpoint of size ${unstamped.treeSize} was never stamped after the TSA came back`);
  }, 60_000);
});
