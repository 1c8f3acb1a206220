import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { checkpointImprint, timestampQuery, tokenFromResponse, TimestampError } from '../../../src/transparency/timestamp-request';
import { readCertificates, verifyTimestamp } from '../../../src/transparency/timestamp-verify';
import { createOpensslTsa, type OpensslTsa } from '../../support/openssl-tsa';

const note = 'ledger.test/log\n3\nn7Gy5Jl4vN3w0oB2gKf1a0zQyq0Jm8xF0b6l6QpB4bE=\n\n— ledger.test/log AAAAAQ==\n';
const otherNote = note.replace('\n3\n', '\n4\n');

describe('RFC 3161 time-stamps of checkpoints, with a real OpenSSL TSA', () => {
  let tsa: OpensslTsa;
  let token: Buffer;

  beforeAll(async () => {
    tsa = await createOpensslTsa();
    const query = timestampQuery(checkpointImprint(note));
    token = tokenFromResponse(await tsa.reply(query.der), query);
  }, 60_000);
  afterAll(() => tsa.remove());

  it('a token for the checkpoint verifies against the root the auditor trusts, naming the TSA and the time', async () => {
    const check = await verifyTimestamp(token, note, readCertificates(readFileSync(tsa.caPem)));
    expect(check).toMatchObject({ ok: true, tsa: 'O=Confiance Tests, CN=Test Time-Stamping Authority', trusted: true, policy: '1.2.3.4.1' });
    if (check.ok) expect(Math.abs(check.genTime.getTime() - Date.now())).toBeLessThan(10 * 60_000);
  });

  it('trusting the TSA certificate itself also verifies; with no certificate the signature is checked and the TSA named', async () => {
    expect(await verifyTimestamp(token, note, readCertificates(readFileSync(tsa.tsaPem)))).toMatchObject({ ok: true, trusted: true });
    expect(await verifyTimestamp(token, note, [])).toMatchObject({ ok: true, trusted: false, tsa: 'O=Confiance Tests, CN=Test Time-Stamping Authority' });
  });

  it('OpenSSL, independently, verifies the token over the note bytes with the root certificate', async () => {
    writeFileSync(join(tsa.dir, 'token.der'), token);
    writeFileSync(join(tsa.dir, 'note.txt'), note);
    const { stdout } = await promisify(execFile)('openssl', ['ts', '-verify', '-token_in', '-in', 'token.der', '-data', 'note.txt', '-CAfile', 'ca.pem'], { cwd: tsa.dir });
    expect(stdout).toContain('Verification: OK');
    writeFileSync(join(tsa.dir, 'other.txt'), otherNote);
    await expect(promisify(execFile)('openssl', ['ts', '-verify', '-token_in', '-in', 'token.der', '-data', 'other.txt', '-CAfile', 'ca.pem'], { cwd: tsa.dir })).rejects.toThrow(/message imprint mismatch/);
  });

  it('refuses a token of another checkpoint, an altered token and a TSA that chains to no certificate supplied, naming why', async () => {
    expect(await verifyTimestamp(token, otherNote, [])).toEqual({ ok: false, problem: expect.stringMatching(/it is the token of another checkpoint/) });
    const altered = Buffer.from(token);
    altered[altered.length - 20] ^= 0x01; // inside the RSA signature, the last field of the token
    expect(await verifyTimestamp(altered, note, [])).toEqual({ ok: false, problem: 'the TSA signature over the token is invalid: the token was altered' });
    expect(await verifyTimestamp(token, note, readCertificates(readFileSync(tsa.otherPem)))).toEqual({
      ok: false,
      problem: expect.stringMatching(/^the TSA certificate does not chain to the certificates supplied/),
    });
    expect(await verifyTimestamp(Buffer.from('not a token'), note, [])).toEqual({ ok: false, problem: expect.stringMatching(/not a DER RFC 3161 time-stamp token/) });
  });

  it('takes from a TSA answer only a token for this query: another query gets a nonce mismatch', async () => {
    const first = timestampQuery(checkpointImprint(note));
    const second = timestampQuery(checkpointImprint(note));
    const answer = await tsa.reply(first.der);
    expect(() => tokenFromResponse(answer, second)).toThrow(new TimestampError('the TSA answered with another nonce: the answer is not to this request'));
    const forOther = timestampQuery(checkpointImprint(otherNote));
    expect(() => tokenFromResponse(answer, { ...forOther, nonce: first.nonce })).toThrow(/it is the token of another checkpoint/);
  });
});
