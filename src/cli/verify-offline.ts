import { existsSync, readFileSync } from 'node:fs';
import { logs } from '../observability/logger';
import { readVerifier } from '../transparency/log-key';
import { parseVerifierKey, type Verifier } from '../transparency/note';
import { verifyDossierOffline } from '../transparency/offline-dossier';
import { readCertificates } from '../transparency/timestamp-verify';
import type { SignatureFinding } from '../dossier/signing/check-signature';

export interface OfflineOptions {
  key: string;
  tsaCert: string[];
  witnessKey: string[];
  /** SHA-256 of the certificates given with --signer-cert. */
  signers: string[];
}

/** A witness's C2SP verifier key, given as itself or as a file holding it. */
function witnessVerifier(value: string): Verifier {
  return parseVerifierKey(existsSync(value) ? readFileSync(value, 'utf8').trim() : value);
}

/** `verify-dossier --key`: the file, the log's key and what the auditor trusts; no DATA_DIR, no network. */
export async function verifyOffline(file: string, pdf: Buffer, options: OfflineOptions): Promise<void> {
  const key = readFileSync(options.key, 'utf8');
  const trust = { tsaCertificates: options.tsaCert.flatMap((f) => readCertificates(readFileSync(f))), witnesses: options.witnessKey.map(witnessVerifier), signers: options.signers };
  const verdict = await verifyDossierOffline(pdf, (origin) => readVerifier(key, origin), trust);
  if (!verdict.ok) {
    for (const problem of verdict.problems) logs().error({ file }, `${file}: ${problem}`);
    process.exitCode = 1;
    return;
  }
  const { manifest, checkpoint, timestamp, witnesses, signature } = verdict;
  console.log(`${file}: verified offline. Checkpoint ${checkpoint.origin} of size ${checkpoint.size} is signed by the key;`);
  console.log(`${Object.keys(manifest.streamHeads).length} stream heads are proven in it, and the manifest describes these pages.`);
  console.log(signatureLine(signature, options.signers.length > 0));
  if (timestamp) {
    const trusted = timestamp.trusted ? 'its certificate chains to the one supplied' : 'not checked against a trusted certificate (--tsa-cert)';
    console.log(`Time-stamped ${timestamp.genTime.toISOString()} by ${timestamp.tsa} (RFC 3161, serial ${timestamp.serial}): ${trusted}.`);
  } else {
    console.log('No RFC 3161 time-stamp: the checkpoint was not stamped when the dossier was issued.');
  }
  if (witnesses) {
    const cosigned = witnesses.cosigned.map((w) => `${w.name} (${w.time.toISOString()})`).join(', ');
    console.log(`Extends the checkpoint of size ${witnesses.size}, cosigned by ${cosigned || 'no witness whose key was supplied'}${witnesses.unchecked.length ? `; not checked (no --witness-key): ${witnesses.unchecked.join(', ')}` : ''}.`);
  } else {
    console.log('No witness had cosigned a checkpoint by the dossier\'s position.');
  }
}

/** What the PAdES signature proves, and whether the verifier's own certificate was required. */
export function signatureLine(signature: Extract<SignatureFinding, { ok: true }>, required: boolean): string {
  const [, holeStart, holeEnd, after] = signature.byteRange;
  const whom = required ? 'the certificate given with --signer-cert' : 'the certificate the manifest names (give --signer-cert to require yours)';
  return `PAdES signature valid over the whole file but its signature (bytes 0-${holeStart} and ${holeEnd}-${holeEnd + after}), by ${signature.signer}, SHA-256 ${signature.certificateSha256}: ${whom}.`;
}
