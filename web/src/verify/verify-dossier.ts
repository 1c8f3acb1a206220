import { fromBase64, fromHex, sha256 as sha256Of, toHex } from './bytes';
import { recomputedHash } from './event-hash';
import { checkConsistency, checkInclusion, leafHash } from './merkle-proofs';
import { readDossierParts } from './pdf-parts';
import { claimedOrigin, openCheckpoint, readLogKey, type Checkpoint, type NoteKey } from './signed-note';

/** One thing the page says holds, fails, or cannot be checked in a browser. */
export interface Check {
  kind: 'file' | 'manifest' | 'key' | 'checkpoint' | 'pages' | 'head' | 'coverage' | 'witnessed' | 'timestamp';
  subject?: string;
  verdict: 'holds' | 'fails' | 'unchecked';
  detail: string;
}

export interface DossierVerification {
  ok: boolean;
  sha256: string;
  certificationId: string | null;
  position: string | null;
  checks: Check[];
}

interface Head {
  stream: string;
  leafIndex: number;
  event: Record<string, unknown>;
  hashes: string[];
}
interface Transparency {
  checkpoint: string;
  heads: Head[];
  timestamp?: string;
  witnessed?: { checkpoint: string; hashes: string[] };
}
interface Manifest {
  certificationId: string;
  position: string;
  streamHeads: Record<string, string>;
  pagesSha256?: string;
  transparency?: Transparency;
}

const MANIFEST = 'manifest.json';
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
const hashes = (list: string[]) => list.map((h) => fromBase64(h) ?? new Uint8Array());

/**
 * Checks a dossier PDF with its bytes and the log's public key alone, in the
 * browser: the manifest it carries, the checkpoint's Ed25519 signature, that
 * the manifest describes these pages, each stream head's event against its
 * hash and its inclusion proof, and the consistency proof from the witnessed
 * checkpoint. Every check is listed, so a failure names its cause.
 */
export async function verifyDossier(bytes: Uint8Array, logKey: string): Promise<DossierVerification> {
  const checks: Check[] = [];
  const done = (manifest: Manifest | null): DossierVerification => ({
    ok: checks.every((c) => c.verdict !== 'fails'),
    sha256,
    certificationId: manifest?.certificationId ?? null,
    position: manifest?.position ?? null,
    checks,
  });
  const sha256 = toHex(await sha256Of(bytes));
  let parts;
  try {
    parts = await readDossierParts(bytes);
  } catch (error) {
    checks.push({ kind: 'file', verdict: 'fails', detail: `not a readable PDF: ${message(error)}` });
    return done(null);
  }
  checks.push({ kind: 'file', verdict: 'holds', detail: `a PDF of ${bytes.length} bytes with ${parts.attachments.size} attachment(s)` });
  const manifest = parseManifest(parts.attachments.get(MANIFEST));
  if (!manifest) {
    checks.push({ kind: 'manifest', verdict: 'fails', detail: 'the file carries no readable manifest.json: it is not a Confiance dossier, or it was altered' });
    return done(null);
  }
  const { transparency } = manifest;
  if (!transparency) {
    checks.push({ kind: 'manifest', verdict: 'fails', detail: 'the manifest carries no transparency proof: this dossier can only be checked against the ledger' });
    return done(manifest);
  }
  checks.push({ kind: 'manifest', verdict: 'holds', detail: `certification ${manifest.certificationId} at log position ${manifest.position}, ${Object.keys(manifest.streamHeads).length} streams` });

  let key: NoteKey;
  try {
    key = await readLogKey(logKey, claimedOrigin(transparency.checkpoint));
    checks.push({ kind: 'key', verdict: 'holds', detail: `Ed25519 key of ${key.name}, key id ${key.keyId.toString(16).padStart(8, '0')}` });
  } catch (error) {
    checks.push({ kind: 'key', verdict: 'fails', detail: message(error) });
    return done(manifest);
  }
  let checkpoint: Checkpoint | null = null;
  try {
    checkpoint = await openCheckpoint(transparency.checkpoint, key);
    checks.push({ kind: 'checkpoint', verdict: 'holds', detail: `tree of size ${checkpoint.size} signed by the log's key` });
  } catch (error) {
    checks.push({ kind: 'checkpoint', verdict: 'fails', detail: `forged or foreign checkpoint: ${message(error)}` });
  }

  const pagesHold = parts.pagesSha256 !== null && parts.pagesSha256 === manifest.pagesSha256;
  checks.push({
    kind: 'pages',
    verdict: pagesHold ? 'holds' : 'fails',
    detail: pagesHold ? `the pages' content hashes to ${parts.pagesSha256}, as the manifest says` : `the pages hash to ${parts.pagesSha256 ?? 'nothing readable'}, the manifest says ${manifest.pagesSha256 ?? 'nothing'}: the pages were altered, or the manifest belongs to another dossier`,
  });

  for (const head of transparency.heads) {
    const problem = await checkHead(head, manifest, checkpoint);
    checks.push({ kind: 'head', subject: head.stream, verdict: problem ? 'fails' : 'holds', detail: problem ?? `event ${String(head.event.id)} matches its hash and is leaf ${head.leafIndex} of the signed tree` });
  }
  const unproven = Object.keys(manifest.streamHeads).filter((stream) => !transparency.heads.some((h) => h.stream === stream));
  checks.push({ kind: 'coverage', verdict: unproven.length === 0 ? 'holds' : 'fails', detail: unproven.length === 0 ? 'every stream head of the manifest has an inclusion proof' : `no inclusion proof for ${unproven.join(', ')}` });

  if (transparency.witnessed && checkpoint) checks.push(await checkWitnessed(transparency.witnessed, key, checkpoint));
  if (transparency.timestamp) checks.push({ kind: 'timestamp', verdict: 'unchecked', detail: 'an RFC 3161 time-stamp is attached: check it against the TSA certificate with `confiance verify-dossier --offline`' });
  return done(manifest);
}

function parseManifest(bytes: Uint8Array | undefined): Manifest | null {
  if (!bytes) return null;
  try {
    const value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as Manifest;
    return typeof value.certificationId === 'string' && typeof value.position === 'string' && typeof value.streamHeads === 'object' ? value : null;
  } catch {
    return null;
  }
}

async function checkHead(head: Head, manifest: Manifest, checkpoint: Checkpoint | null): Promise<string | null> {
  const metadata = (head.event.metadata ?? {}) as Record<string, unknown>;
  if (head.event.stream !== head.stream) return `the proven event belongs to stream ${String(head.event.stream)}`;
  let recomputed: string;
  try {
    recomputed = await recomputedHash(head.event);
  } catch (error) {
    return message(error);
  }
  if (recomputed !== metadata.hash) return `event ${String(head.event.id)} does not match its recorded hash: its content was altered`;
  if (manifest.streamHeads[head.stream] !== recomputed) return `the manifest names head ${manifest.streamHeads[head.stream] ?? 'none'}, the proof is for ${recomputed}`;
  if (!checkpoint) return 'no signed checkpoint to prove it against';
  const leaf = await leafHash(fromHex(recomputed));
  return checkInclusion(head.leafIndex, checkpoint.size, leaf, hashes(head.hashes), checkpoint.rootHash);
}

async function checkWitnessed(witnessed: { checkpoint: string; hashes: string[] }, key: NoteKey, checkpoint: Checkpoint): Promise<Check> {
  try {
    const earlier = await openCheckpoint(witnessed.checkpoint, key);
    const problem = await checkConsistency(earlier.size, checkpoint.size, earlier.rootHash, checkpoint.rootHash, hashes(witnessed.hashes));
    if (problem) return { kind: 'witnessed', verdict: 'fails', detail: problem };
    return { kind: 'witnessed', verdict: 'holds', detail: `the dossier's tree extends the witnessed tree of size ${earlier.size} (consistency proof); the witnesses' cosignatures need their keys: \`confiance verify-dossier --offline\`` };
  } catch (error) {
    return { kind: 'witnessed', verdict: 'fails', detail: message(error) };
  }
}
