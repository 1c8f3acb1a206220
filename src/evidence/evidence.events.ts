/**
 * Evidence files (audit reports, scan results, policies, screenshots) are
 * stored by content: the SHA-256 of the bytes is their identity, so other
 * facts cite a file by hash and nobody can swap its bytes unnoticed. The
 * event says what was stored; the bytes live in the evidence store on disk.
 */
export interface EvidenceStoredData {
  sha256: string;
  size: number;
  /** As the uploader declared it (e.g. application/pdf); application/octet-stream when unknown. */
  mediaType: string;
  /** The uploaded file name, without any directory. */
  name: string;
  /** The day the document starts to count (e.g. the date of a scan), when it says so. */
  effectiveOn: string | null;
  /** The day after which it no longer proves anything (e.g. a certificate's expiry). */
  validUntil: string | null;
  description: string | null;
}

export type EvidenceEvent = { type: 'EvidenceStored'; data: EvidenceStoredData };

export const evidenceStream = (sha256: string) => `evidence-${sha256}`;

/** A lowercase hex SHA-256, as evidence is named everywhere. */
export const SHA256 = /^[0-9a-f]{64}$/;
