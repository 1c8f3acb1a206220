import type { EvidenceDoc } from '../../projections/evidence';
import type { DossierFile } from './dossier.model';

/** Resolves cited hashes to the files stored under them, as of the dossier's day. */
export type FilesOf = (hashes: readonly string[]) => DossierFile[];

export function filesIn(evidence: readonly EvidenceDoc[], today: string): FilesOf {
  const byHash = new Map(evidence.map((e) => [e.sha256, e]));
  return (hashes) =>
    hashes.map((sha256) => {
      const doc = byHash.get(sha256);
      const validUntil = doc?.validUntil ?? null;
      return { name: doc?.name ?? null, sha256, validUntil, expired: validUntil !== null && validUntil < today };
    });
}
