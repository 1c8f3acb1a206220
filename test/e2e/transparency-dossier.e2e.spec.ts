import { execFile } from 'node:child_process';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { FrameworkCatalog } from '../../src/controls/framework-catalog';
import { DEMO_CERTIFICATION } from '../../src/demo/demo-story';
import { DossierMaker } from '../../src/dossier/dossier-maker';
import { readManifest } from '../../src/dossier/render/read-manifest';
import { renderDossier } from '../../src/dossier/render/render-dossier';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { projectUpTo } from '../../src/read-side/as-of';
import { SystemClock } from '../../src/shared/clock';
import { parseCheckpointText, signCheckpoint } from '../../src/transparency/checkpoint';
import { parseNote } from '../../src/transparency/note';
import { messagesOf, runCli } from '../support/test-app';

const CLI = resolve(__dirname, '../../bin/confiance.js');

/** verify-dossier as an auditor runs it: in an empty directory, DATA_DIR naming nothing that exists, no server. */
async function verifyOffline(dir: string, file: string, key: string) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, 'verify-dossier', file, '--key', key], {
      cwd: dir,
      env: { ...process.env, DATA_DIR: join(dir, 'no-ledger-here') },
    });
    return { code: 0, stdout, stderr, messages: messagesOf(stderr) };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { ...failed, messages: messagesOf(failed.stderr) };
  }
}

describe('a dossier that carries its own proof, checked offline', () => {
  let dataDir: string;
  let auditor: string;
  let pdf: Buffer;
  const files: Record<string, string> = {};

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'confiance-ledger-'));
    auditor = mkdtempSync(join(tmpdir(), 'confiance-auditor-'));
    expect((await runCli(dataDir, ['demo'])).code).toBe(0);
    const out = join(auditor, 'issued.pdf');
    const made = await runCli(dataDir, ['dossier', '--certification', DEMO_CERTIFICATION, '--lang', 'en', '--out', out]);
    expect(made.code).toBe(0);
    pdf = readFileSync(out);
    files.dossier = join(auditor, 'dossier.pdf');
    writeFileSync(files.dossier, pdf);
    const logKey = createPublicKey(readFileSync(join(dataDir, 'log-signing-key.pem')));
    files.key = join(auditor, 'log.pem');
    writeFileSync(files.key, logKey.export({ type: 'spki', format: 'pem' }));
  }, 300_000);

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(auditor, { recursive: true, force: true });
  });

  it('verifies with the file and the public key alone, writing nothing, and still regenerates byte for byte with DATA_DIR', async () => {
    const before = readdirSync(auditor).sort();
    const verdict = await verifyOffline(auditor, files.dossier, files.key);
    expect(verdict.stdout).toMatch(/verified offline\. Checkpoint confiance\.local\/log of size \d+ is signed by the key/);
    expect(verdict.code).toBe(0);
    expect(readdirSync(auditor).sort()).toEqual(before);
    const manifest = readManifest(pdf)!;
    expect(manifest.transparency!.heads.map((h) => h.stream).sort()).toEqual(Object.keys(manifest.streamHeads).sort());

    const regenerated = await runCli(dataDir, ['verify-dossier', join(auditor, 'issued.pdf')]);
    expect(regenerated.stdout).toContain('byte-identical');
  }, 120_000);

  it('names the cause for a flipped byte, a swapped manifest, a forged checkpoint and a wrong key', async () => {
    const manifest = readManifest(pdf)!;
    // A byte flipped inside the first page's drawing.
    const at = pdf.indexOf('stream', pdf.indexOf('/Type /Page\n')) + 40;
    const flipped = Buffer.from(pdf);
    flipped[pdf.indexOf('stream', pdf.indexOf(' 0 obj', at - 200)) + 30] ^= 0x01;
    writeFileSync((files.flipped = join(auditor, 'flipped.pdf')), flipped);

    // The genuine manifest on pages that say something else.
    const store = SqliteEventStore.open(join(dataDir, 'events.db'), new SystemClock());
    const maker = new DossierMaker(store, new FrameworkCatalog(), (p) => projectUpTo(store, p), async () => manifest.recordedAt);
    const model = await maker.model(DEMO_CERTIFICATION, manifest.position);
    await store.close();
    const forgedPages = await renderDossier({ ...model, cover: { ...model.cover, label: `${model.cover.label} (forged)` } }, manifest, 'en');
    writeFileSync((files.swapped = join(auditor, 'swapped.pdf')), forgedPages);

    // The same pages and proofs under a checkpoint signed by someone else's key.
    const note = parseNote(manifest.transparency!.checkpoint);
    const foreign = signCheckpoint(parseCheckpointText(note.text), generateKeyPairSync('ed25519').privateKey);
    const forgedCheckpoint = await renderDossier(model, { ...manifest, transparency: { ...manifest.transparency!, checkpoint: foreign } }, 'en');
    writeFileSync((files.forged = join(auditor, 'forged.pdf')), forgedCheckpoint);

    writeFileSync((files.wrongKey = join(auditor, 'wrong.pem')), createPublicKey(generateKeyPairSync('ed25519').privateKey).export({ type: 'spki', format: 'pem' }));

    const cases: [string, string, RegExp][] = [
      [files.flipped, files.key, /pages do not match the manifest|no readable Confiance manifest/],
      [files.swapped, files.key, /the pages do not match the manifest: the file was altered, or its manifest comes from another dossier/],
      [files.forged, files.key, /forged or foreign checkpoint: checkpoint: no signature by confiance\.local\/log\+/],
      [files.dossier, files.wrongKey, /forged or foreign checkpoint: checkpoint: no signature by confiance\.local\/log\+/],
    ];
    for (const [file, key, cause] of cases) {
      const verdict = await verifyOffline(auditor, file, key);
      expect(verdict.messages).toMatch(cause);
      expect(verdict.code).toBe(1);
    }
  }, 240_000);
});
