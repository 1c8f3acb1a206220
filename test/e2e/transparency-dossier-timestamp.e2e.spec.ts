import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { FrameworkCatalog } from '../../src/controls/framework-catalog';
import { DEMO_CERTIFICATION } from '../../src/demo/demo-story';
import { DossierMaker } from '../../src/dossier/dossier-maker';
import type { DossierManifest } from '../../src/dossier/dossier.model';
import { readManifest } from '../../src/dossier/render/read-manifest';
import { renderDossier } from '../../src/dossier/render/render-dossier';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { projectUpTo } from '../../src/read-side/as-of';
import { SystemClock } from '../../src/shared/clock';
import { COSIGNATURE_ALG, verifierKey } from '../../src/transparency/note';
import { TreeStore } from '../../src/transparency/tree-store';
import { createOpensslTsa, type OpensslTsa, type ServedTsa } from '../support/openssl-tsa';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { messagesOf } from '../support/test-app';

const CLI = resolve(__dirname, '../../bin/confiance.js');
const WITNESS = 'auditor.test/witness';

/** The CLI as an operator or an auditor runs it, in `cwd`, with the environment given. */
async function cli(cwd: string, args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, ...env } });
    return { code: 0, stdout, messages: messagesOf(stderr) };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, messages: messagesOf(failed.stderr) };
  }
}

describe('a dossier carrying its checkpoint time-stamp and the witnesses\' cosignatures, checked offline', () => {
  let tsa: OpensslTsa;
  let served: ServedTsa;
  let server: ServerProcess;
  let dataDir: string;
  let auditor: string;
  let manifest: DossierManifest;
  let witnessVkey: string;
  const ledger = () => ({ DATA_DIR: dataDir });
  const offline = (file: string, ...trust: string[]) => cli(auditor, ['verify-dossier', file, '--key', 'log.pem', ...trust], { DATA_DIR: join(auditor, 'no-ledger-here') });

  beforeAll(async () => {
    tsa = await createOpensslTsa();
    served = await tsa.serve();
    dataDir = mkdtempSync(join(tmpdir(), 'confiance-ledger-'));
    auditor = mkdtempSync(join(tmpdir(), 'confiance-auditor-'));
    expect((await cli(dataDir, ['demo'], ledger())).code).toBe(0);
    const token = async (role: string) => (await cli(dataDir, ['token', 'create', '--role', role, '--subject', `${role}-t`], ledger())).stdout.trim().split('\n').pop()!;
    const [admin, reader] = [await token('admin'), await token('auditor')];
    server = await startServerProcess(dataDir, { CHECKPOINT_INTERVAL_SECONDS: '0', TSA_URL: served.url, TSA_RETRY_SECONDS: '1' });
    const call = (path: string, bearer: string, init: RequestInit = {}) =>
      fetch(`${server.url}${path}`, { ...init, headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' } });

    // The auditor's witness, registered by an admin, cosigns from the auditor's machine.
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(join(auditor, 'witness.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    witnessVkey = verifierKey(WITNESS, publicKey, COSIGNATURE_ALG);
    const logKey = (await (await call('/transparency/key', reader)).json()) as { pem: string };
    writeFileSync(join(auditor, 'log.pem'), logKey.pem);
    const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect((await call('/transparency/witnesses', admin, { method: 'POST', body: JSON.stringify({ name: WITNESS, publicKey: publicPem }) })).status).toBe(201);
    // The witness cosigns the latest checkpoint: wait until it covers the whole log, registration included.
    for (let attempt = 0; attempt < 200; attempt++) {
      const { headPosition } = (await (await fetch(`${server.url}/health`)).json()) as { headPosition: string };
      if ((await (await call('/transparency/checkpoint', reader)).text()).split('\n')[1] === headPosition) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const witness = ['witness', '--url', server.url, '--log-key', 'log.pem', '--witness-key', 'witness.pem', '--name', WITNESS, '--state', 'state.json', '--token', reader];
    expect(await cli(auditor, witness, {})).toMatchObject({ code: 0 });

    const pdf = Buffer.from(await (await call(`/certifications/${DEMO_CERTIFICATION}/dossier.pdf?lang=en`, reader)).arrayBuffer());
    writeFileSync(join(auditor, 'dossier.pdf'), pdf);
    manifest = readManifest(pdf)!;
    await server.kill('SIGTERM');
  }, 300_000);

  afterAll(async () => {
    await server?.kill('SIGTERM');
    await served.close();
    tsa.remove();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(auditor, { recursive: true, force: true });
  });

  it('verifies the token against the TSA root and the cosignature against the witness key, with no ledger; regenerates byte for byte', async () => {
    expect(manifest.transparency!.timestamp).toEqual(expect.any(String));
    expect(manifest.transparency!.witnessed!.checkpoint).toContain(`— ${WITNESS} `);
    writeFileSync(join(auditor, 'root.pem'), readFileSync(tsa.caPem));
    const verdict = await offline('dossier.pdf', '--tsa-cert', 'root.pem', '--witness-key', witnessVkey);
    expect(verdict.messages).toBe('');
    expect(verdict.code).toBe(0);
    expect(verdict.stdout).toMatch(/Time-stamped \S+Z by O=Confiance Tests, CN=Test Time-Stamping Authority \(RFC 3161, serial [0-9a-f]+\): its certificate chains to the one supplied\./);
    expect(verdict.stdout).toMatch(new RegExp(`Extends the checkpoint of size \\d+, cosigned by ${WITNESS.replace('.', '\\.')} \\(\\S+Z\\)\\.`));

    const unchecked = await offline('dossier.pdf');
    expect(unchecked.code).toBe(0);
    expect(unchecked.stdout).toContain('by O=Confiance Tests, CN=Test Time-Stamping Authority');
    expect(unchecked.stdout).toContain('not checked against a trusted certificate (--tsa-cert)');
    expect(unchecked.stdout).toContain(`not checked (no --witness-key): ${WITNESS}`);

    // Tokens of later checkpoints were stored meanwhile: the same position still gives the same bytes.
    const regenerated = await cli(dataDir, ['verify-dossier', join(auditor, 'dossier.pdf')], ledger());
    expect(regenerated.stdout).toContain('byte-identical');
  }, 120_000);

  it('an auditor checks the token with openssl ts -verify alone, as README shows', async () => {
    const script = [
      'pdfdetach -savefile manifest.json -o manifest.json dossier.pdf',
      "jq -j '.transparency.checkpoint' manifest.json > checkpoint.txt",
      "jq -r '.transparency.timestamp' manifest.json | base64 -d > checkpoint.tst",
      'openssl ts -verify -token_in -in checkpoint.tst -data checkpoint.txt -CAfile root.pem',
    ].join(' && ');
    const { stdout } = await promisify(execFile)('bash', ['-c', script], { cwd: auditor });
    expect(stdout).toContain('Verification: OK');
  }, 60_000);

  it('fails naming the cause for a token of another checkpoint, an altered token, an untrusted TSA and a witness that did not cosign', async () => {
    const store = SqliteEventStore.open(join(dataDir, 'events.db'), new SystemClock());
    const maker = new DossierMaker(store, new FrameworkCatalog(), (p) => projectUpTo(store, p), async () => manifest.recordedAt);
    const model = await maker.model(DEMO_CERTIFICATION, manifest.position);
    await store.close();
    const tree = TreeStore.open(join(dataDir, 'transparency.db'));
    const size = Number(manifest.transparency!.checkpoint.split('\n')[1]);
    const other = tree.allCheckpoints().find((c) => c.treeSize !== size && c.tsaToken)!;
    tree.close();
    expect(other).toBeDefined();
    const withToken = async (name: string, token: Buffer) => {
      writeFileSync(join(auditor, name), await renderDossier(model, { ...manifest, transparency: { ...manifest.transparency!, timestamp: token.toString('base64') } }, 'en'));
      return name;
    };
    const altered = Buffer.from(manifest.transparency!.timestamp!, 'base64');
    altered[altered.length - 20] ^= 0x01;
    writeFileSync(join(auditor, 'other.pem'), readFileSync(tsa.otherPem));
    const stranger = verifierKey('stranger.test/witness', createPublicKey(generateKeyPairSync('ed25519').privateKey), COSIGNATURE_ALG);

    const cases: [string[], RegExp][] = [
      [[await withToken('other-token.pdf', other.tsaToken!)], /time-stamp: the token stamps digest [0-9a-f]{64}, not this checkpoint's [0-9a-f]{64}: it is the token of another checkpoint/],
      [[await withToken('altered-token.pdf', altered)], /time-stamp: the TSA signature over the token is invalid: the token was altered/],
      [['dossier.pdf', '--tsa-cert', 'other.pem'], /time-stamp: the TSA certificate does not chain to the certificates supplied/],
      [['dossier.pdf', '--witness-key', stranger], /witness stranger\.test\/witness: witness stranger\.test\/witness did not cosign the checkpoint of size \d+/],
    ];
    for (const [args, cause] of cases) {
      const verdict = await offline(args[0], ...args.slice(1));
      expect(verdict.messages).toMatch(cause);
      expect(verdict.code).toBe(1);
    }
  }, 240_000);

  it('a dossier issued while the TSA is down carries no token, and still regenerates byte for byte once its checkpoint is stamped', async () => {
    await served.stop();
    const env = { ...ledger(), TSA_URL: served.url };
    const issued = await cli(dataDir, ['dossier', '--certification', DEMO_CERTIFICATION, '--as-of', '61', '--lang', 'en', '--out', join(auditor, 'down.pdf')], env);
    expect(issued.code).toBe(0);
    const down = readManifest(readFileSync(join(auditor, 'down.pdf')))!;
    expect(down.transparency!.timestamp).toBeUndefined();
    expect((await offline('down.pdf')).stdout).toContain('No RFC 3161 time-stamp: the checkpoint was not stamped when the dossier was issued.');
    expect((await offline('down.pdf', '--tsa-cert', 'root.pem')).messages).toContain('time-stamp: the dossier carries no RFC 3161 token, and a TSA certificate was supplied to check one');

    await served.start();
    expect((await cli(dataDir, ['checkpoint'], env)).code).toBe(0);
    const tree = TreeStore.open(join(dataDir, 'transparency.db'));
    const stamped = tree.checkpointAt(Number(down.transparency!.checkpoint.split('\n')[1]))?.tsaToken;
    tree.close();
    expect(stamped).toBeInstanceOf(Buffer);
    expect((await cli(dataDir, ['verify-dossier', join(auditor, 'down.pdf')], ledger())).stdout).toContain('byte-identical');
  }, 240_000);

  it('confiance verify holds every stored token to its checkpoint, and names a checkpoint given the token of another', async () => {
    const ok = await cli(dataDir, ['verify'], ledger());
    expect(ok.stdout).toMatch(/signed checkpoints hold, \d+ of them time-stamped/);
    expect(ok.code).toBe(0);

    const db = new Database(join(dataDir, 'transparency.db'));
    const [first, second] = db.prepare('SELECT tree_size AS size, tsa_token AS token FROM checkpoints WHERE tsa_token IS NOT NULL ORDER BY tree_size LIMIT 2').all() as { size: number; token: Buffer }[];
    db.prepare('UPDATE checkpoints SET tsa_token = ? WHERE tree_size = ?').run(second.token, first.size);
    db.close();
    const broken = await cli(dataDir, ['verify'], ledger());
    expect(broken.stdout + broken.messages).toMatch(new RegExp(`checkpoint of size ${first.size}: its RFC 3161 time-stamp does not hold: the token stamps digest [0-9a-f]{64}, not this checkpoint's [0-9a-f]{64}: it is the token of another checkpoint`));
    expect(broken.code).toBe(1);
  }, 120_000);
});
