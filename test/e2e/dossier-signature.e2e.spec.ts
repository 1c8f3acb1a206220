import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { createPublicKey } from 'node:crypto';
import { DEMO_CERTIFICATION } from '../../src/demo/demo-story';
import { readManifest } from '../../src/dossier/render/read-manifest';
import { cadesSignature } from '../../src/dossier/signing/cades';
import { coveredBytes, signatureHole } from '../../src/dossier/signing/check-signature';
import { readP12 } from '../../src/dossier/signing/signing-identity';
import { messagesOf, runCli } from '../support/test-app';

const run = promisify(execFile);
const CLI = resolve(__dirname, '../../bin/confiance.js');

/** What poppler's pdfsig says of the file's one signature. */
async function pdfsig(file: string) {
  const { stdout } = await run('pdfsig', [file]);
  const field = (name: string) => new RegExp(`- ${name}: (.*)`).exec(stdout)?.[1];
  const ranges = [...(field('Signed Ranges') ?? '').matchAll(/\[(\d+) - (\d+)\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
  return { stdout, signatures: (stdout.match(/^Signature #/gm) ?? []).length, validation: field('Signature Validation'), type: field('Signature Type'), signer: field('Signer Certificate Common Name'), ranges, whole: stdout.includes('Total document signed') };
}

async function cli(dataDir: string, cwd: string, args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, DATA_DIR: dataDir } });
    return { code: 0, stdout, messages: messagesOf(stderr) };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, messages: messagesOf(failed.stderr) };
  }
}

/** The signature hole of `pdf` filled with `der`, padded as signing pads it. */
function withSignature(pdf: Buffer, der: Buffer): Buffer {
  const { byteRange } = signatureHole(pdf)!;
  const room = byteRange[2] - byteRange[1] - 2;
  return Buffer.concat([pdf.subarray(0, byteRange[1] + 1), Buffer.from(der.toString('hex').padEnd(room, '0')), pdf.subarray(byteRange[2] - 1)]);
}

describe('issued dossiers carry a PAdES signature that pdfsig, qpdf and verify-dossier accept', () => {
  let dataDir: string;
  let work: string;
  const issued: Record<'fr' | 'en', Buffer> = {} as Record<'fr' | 'en', Buffer>;
  const files: Record<string, string> = {};

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'confiance-ledger-'));
    work = mkdtempSync(join(tmpdir(), 'confiance-signature-'));
    expect((await runCli(dataDir, ['demo'])).code).toBe(0);
    for (const lang of ['fr', 'en'] as const) {
      files[lang] = join(work, `dossier-${lang}.pdf`);
      const made = await runCli(dataDir, ['dossier', '--certification', DEMO_CERTIFICATION, '--lang', lang, '--out', files[lang]]);
      expect(made.code).toBe(0);
      issued[lang] = readFileSync(files[lang]);
    }
    writeFileSync((files.key = join(work, 'log.pem')), createPublicKey(readFileSync(join(dataDir, 'log-signing-key.pem'))).export({ type: 'spki', format: 'pem' }));
    // Another party's key and certificate, made by OpenSSL: an EC P-256 key in an AES-encrypted PKCS#12.
    await run('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', join(work, 'other.key'), '-out', join(work, 'other.pem'), '-days', '30', '-subj', '/CN=Someone Else/O=Elsewhere']);
    await run('openssl', ['pkcs12', '-export', '-inkey', join(work, 'other.key'), '-in', join(work, 'other.pem'), '-out', (files.otherP12 = join(work, 'other.p12')), '-passout', 'pass:s3cret']);
    await run('openssl', ['pkcs12', '-in', join(dataDir, 'dossier-signing.p12'), '-passin', 'pass:', '-nokeys', '-out', (files.ledgerCert = join(work, 'ledger.pem'))]);
  }, 300_000);

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  it('generates a self-signed certificate at first start, readable by its owner only, and signs every dossier with it', async () => {
    expect(statSync(join(dataDir, 'dossier-signing.p12')).mode & 0o777).toBe(0o600);
    const [fr, en] = [readManifest(issued.fr)!, readManifest(issued.en)!];
    expect(fr.signingCertificateSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(en.signingCertificateSha256).toBe(fr.signingCertificateSha256);
    const ledgerPem = readFileSync(files.ledgerCert, 'utf8');
    expect(ledgerPem).toContain('subject=CN = Confiance evidence dossiers, O = Confiance');
  });

  it.each(['fr', 'en'] as const)('pdfsig finds one valid signature covering the whole %s file, and qpdf --check passes', async (lang) => {
    const report = await pdfsig(files[lang]);
    expect(report.signatures).toBe(1);
    expect(report.validation).toBe('Signature is Valid.');
    expect(report.type).toBe('ETSI.CAdES.detached');
    expect(report.signer).toBe('Confiance evidence dossiers');
    expect(report.whole).toBe(true);
    const { byteRange } = signatureHole(issued[lang])!;
    expect(report.ranges).toEqual([
      [0, byteRange[1]],
      [byteRange[2], issued[lang].length],
    ]);
    const check = await run('qpdf', ['--check', files[lang]]);
    expect(check.stdout).toContain('No syntax or stream encoding errors found');
  });

  it('draws and signs the same bytes again: a second issue of the same position is byte-identical', async () => {
    const again = join(work, 'again-fr.pdf');
    expect((await runCli(dataDir, ['dossier', '--certification', DEMO_CERTIFICATION, '--lang', 'fr', '--as-of', readManifest(issued.fr)!.position, '--out', again])).code).toBe(0);
    expect(readFileSync(again).equals(issued.fr)).toBe(true);
  }, 120_000);

  it('verify-dossier checks the signature from the ledger and offline, and with --signer-cert requires that certificate', async () => {
    const ledger = await cli(dataDir, work, ['verify-dossier', files.en, '--signer-cert', files.ledgerCert]);
    expect(ledger.stdout).toContain('byte-identical outside the signature');
    expect(ledger.stdout).toMatch(/PAdES signature valid over the whole file but its signature \(bytes 0-\d+ and \d+-\d+\), by CN=Confiance evidence dossiers.*: the certificate given with --signer-cert/);
    expect(ledger.code).toBe(0);
    const offline = await cli(join(work, 'no-ledger-here'), work, ['verify-dossier', files.fr, '--key', files.key]);
    expect(offline.stdout).toMatch(/PAdES signature valid over the whole file .*: the certificate the manifest names/);
    expect(offline.code).toBe(0);
    const foreign = await cli(join(work, 'no-ledger-here'), work, ['verify-dossier', files.fr, '--key', files.key, '--signer-cert', join(work, 'other.pem')]);
    expect(foreign.messages).toMatch(/signature: signed by another key: certificate "CN=Confiance evidence dossiers[^"]*" \(SHA-256 [0-9a-f]{64}\), not [0-9a-f]{64}/);
    expect(foreign.code).toBe(1);
  }, 120_000);

  it('fails, naming the cause, on a stripped signature and on a file re-signed with another key', async () => {
    const stripped = withSignature(issued.en, Buffer.alloc(0));
    writeFileSync((files.stripped = join(work, 'stripped.pdf')), stripped);
    const other = readP12(readFileSync(files.otherP12), 's3cret');
    const { byteRange } = signatureHole(issued.en)!;
    const resigned = withSignature(issued.en, await cadesSignature(other, coveredBytes(issued.en, byteRange)));
    writeFileSync((files.resigned = join(work, 'resigned.pdf')), resigned);
    // The new signature is a valid one: only the signer differs.
    const report = await pdfsig(files.resigned);
    expect([report.validation, report.signer]).toEqual(['Signature is Valid.', 'Someone Else']);

    const noLedger = join(work, 'no-ledger-here');
    const cases: [string, string[], RegExp][] = [
      [dataDir, [files.stripped], /signature: the signature field is empty: the signature was stripped/],
      [noLedger, [files.stripped, '--key', files.key], /signature: the signature field is empty: the signature was stripped/],
      [dataDir, [files.resigned], /signature: signed by another key: certificate "CN=Someone Else, O=Elsewhere" \(SHA-256 [0-9a-f]{64}\), while the manifest names the certificate [0-9a-f]{64}: the file was re-signed/],
      [noLedger, [files.resigned, '--key', files.key], /signature: signed by another key: certificate "CN=Someone Else, O=Elsewhere"/],
      [noLedger, [files.resigned, '--key', files.key, '--signer-cert', files.ledgerCert], /signature: signed by another key: certificate "CN=Someone Else, O=Elsewhere" \(SHA-256 [0-9a-f]{64}\), not [0-9a-f]{64}/],
    ];
    for (const [dir, args, cause] of cases) {
      const verdict = await cli(dir, work, ['verify-dossier', ...args]);
      expect(verdict.messages).toMatch(cause);
      expect(verdict.code).toBe(1);
    }
  }, 240_000);

  it('signs with the configured PKCS#12 and refuses to start with a wrong passphrase, naming the variable', async () => {
    const out = join(work, 'configured.pdf');
    const env = { ...process.env, DATA_DIR: dataDir, DOSSIER_SIGNING_P12: files.otherP12 };
    const signed = await run(process.execPath, [CLI, 'dossier', '--certification', DEMO_CERTIFICATION, '--lang', 'en', '--out', out], { env: { ...env, DOSSIER_SIGNING_PASSPHRASE: 's3cret' } });
    expect(signed.stdout).toContain('SHA-256');
    const report = await pdfsig(out);
    expect([report.validation, report.signer, report.whole]).toEqual(['Signature is Valid.', 'Someone Else', true]);
    const verified = await cli(dataDir, work, ['verify-dossier', out, '--signer-cert', join(work, 'other.pem')]);
    expect(verified.code).toBe(0);
    const refused = await run(process.execPath, [CLI, 'dossier', '--certification', DEMO_CERTIFICATION, '--out', join(work, 'never.pdf')], { env: { ...env, DOSSIER_SIGNING_PASSPHRASE: 'wrong' } }).catch((e: { code: number; stderr: string }) => e);
    expect('code' in refused && refused.code).toBe(1);
    expect(messagesOf((refused as { stderr: string }).stderr)).toMatch(/DOSSIER_SIGNING_P12: .*other\.p12: cannot open the PKCS#12 file .*DOSSIER_SIGNING_PASSPHRASE/);
  }, 120_000);
});
