import { eventHash, hashedContentOf } from '../event-store/hash-chain';
import { parseExportLine } from '../event-store/import';
import type { DossierManifest } from '../dossier/dossier.model';
import { readManifest } from '../dossier/render/read-manifest';
import { pagesDigest } from '../dossier/render/read-pages';
import { openCheckpoint, type OpenedCheckpoint } from './checkpoint';
import { leafHash } from './merkle';
import { NoteError, type Verifier } from './note';
import { checkInclusion } from './proofs';
import { checkDossierTimestamp, checkDossierWitnesses, type AuditorTrust, type TimestampFinding, type WitnessFinding } from './offline-annex';
import { checkDossierSignature, type SignatureFinding } from '../dossier/signing/check-signature';

export type OfflineVerdict =
  | { ok: true; manifest: DossierManifest; checkpoint: OpenedCheckpoint; timestamp: TimestampFinding; witnesses: WitnessFinding | null; signature: Extract<SignatureFinding, { ok: true }> }
  | { ok: false; problems: string[] };

/**
 * Checks a dossier with nothing but its bytes, the log's public key and what
 * the auditor trusts: the checkpoint's signature, each stream head's event
 * against its hash and its inclusion proof against the checkpoint's root,
 * that the manifest describes these pages, the checkpoint's RFC 3161 token
 * and the witnesses' cosignatures, and the PAdES signature over the whole
 * file, by the certificate the manifest names and, when the auditor gives
 * some, by one they trust. Reads no directory and writes nothing.
 */
export async function verifyDossierOffline(
  pdf: Buffer,
  verifierFor: (origin: string) => Verifier,
  trust: AuditorTrust = { tsaCertificates: [], witnesses: [] },
): Promise<OfflineVerdict> {
  const manifest = readManifest(pdf);
  if (!manifest) return { ok: false, problems: ['the file carries no readable Confiance manifest: it is not a dossier, or it was altered'] };
  const { transparency } = manifest;
  if (!transparency) return { ok: false, problems: ['the manifest carries no transparency proof: this dossier can only be checked against the ledger (DATA_DIR)'] };
  let checkpoint: OpenedCheckpoint;
  let log: Verifier;
  try {
    log = verifierFor(transparency.checkpoint.split('\n', 1)[0]);
    checkpoint = openCheckpoint(transparency.checkpoint, log);
  } catch (error) {
    return { ok: false, problems: [`forged or foreign checkpoint: ${error instanceof NoteError || error instanceof Error ? error.message : String(error)}`] };
  }
  const problems: string[] = [];
  const pages = pagesDigest(pdf);
  if (pages === null || pages !== manifest.pagesSha256) problems.push('the pages do not match the manifest: the file was altered, or its manifest comes from another dossier');
  const proven = new Set<string>();
  for (const head of transparency.heads) {
    const problem = checkHead(head, checkpoint, manifest);
    if (problem) problems.push(`stream ${head.stream}: ${problem}`);
    else proven.add(head.stream);
  }
  for (const stream of Object.keys(manifest.streamHeads).filter((s) => !proven.has(s))) {
    if (!transparency.heads.some((h) => h.stream === stream)) problems.push(`stream ${stream}: its head has no inclusion proof`);
  }
  const timestamp = await checkDossierTimestamp(transparency, trust, problems);
  const witnesses = checkDossierWitnesses(transparency, checkpoint, log, trust, problems);
  const signature = await checkDossierSignature(pdf, manifest.signingCertificateSha256, trust.signers ?? []);
  if (!signature.ok) problems.push(`signature: ${signature.problem}`);
  return problems.length === 0 && signature.ok ? { ok: true, manifest, checkpoint, timestamp, witnesses, signature } : { ok: false, problems };
}

function checkHead(head: NonNullable<DossierManifest['transparency']>['heads'][number], checkpoint: OpenedCheckpoint, manifest: DossierManifest): string | null {
  let event;
  try {
    event = parseExportLine(JSON.stringify(head.event));
  } catch (error) {
    return `the head event is malformed (${(error as Error).message})`;
  }
  if (event.stream !== head.stream) return `the head event belongs to stream ${event.stream}`;
  if (eventHash(hashedContentOf(event)) !== event.metadata.hash) return `event ${event.id} does not match its recorded hash`;
  if (manifest.streamHeads[head.stream] !== event.metadata.hash) return `the manifest names head ${manifest.streamHeads[head.stream] ?? 'none'}, the proof is for ${event.metadata.hash}`;
  const leaf = leafHash(Buffer.from(event.metadata.hash, 'hex'));
  const problem = checkInclusion(head.leafIndex, checkpoint.size, leaf, head.hashes.map((h) => Buffer.from(h, 'base64')), checkpoint.rootHash);
  return problem ? `event ${event.id} is not proven in the checkpoint of size ${checkpoint.size}: ${problem}` : null;
}
