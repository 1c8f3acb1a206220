import type { Certificate } from 'pkijs';
import type { DossierTransparency } from '../dossier/dossier.model';
import { checkCosignature, openCheckpoint, type OpenedCheckpoint } from './checkpoint';
import { type Verifier } from './note';
import { checkConsistency } from './proofs';
import { verifyTimestamp, type TimestampCheck } from './timestamp-verify';

/** What an auditor supplies besides the log's key: the TSA certificates and witness keys they trust. */
export interface AuditorTrust {
  tsaCertificates: readonly Certificate[];
  witnesses: readonly Verifier[];
  /** SHA-256 of the certificates one of which must have signed the file (`--signer-cert`); empty: the certificate the file names. */
  signers?: readonly string[];
}

export type TimestampFinding = Extract<TimestampCheck, { ok: true }> | null;

/** The dossier's RFC 3161 token over its checkpoint: checked, or its absence refused when the auditor asks for one. */
export async function checkDossierTimestamp(transparency: DossierTransparency, trust: AuditorTrust, problems: string[]): Promise<TimestampFinding> {
  if (transparency.timestamp === undefined) {
    if (trust.tsaCertificates.length > 0) problems.push('time-stamp: the dossier carries no RFC 3161 token, and a TSA certificate was supplied to check one');
    return null;
  }
  const check = await verifyTimestamp(Buffer.from(transparency.timestamp, 'base64'), transparency.checkpoint, trust.tsaCertificates);
  if (!check.ok) {
    problems.push(`time-stamp: ${check.problem}`);
    return null;
  }
  return check;
}

export interface WitnessFinding {
  /** The size of the cosigned checkpoint, which the dossier's checkpoint extends. */
  size: number;
  /** Witnesses whose cosignature verified with a key the auditor supplied, and the time they signed. */
  cosigned: { name: string; time: Date }[];
  /** Names on cosignature lines for which no key was supplied: present, not checked. */
  unchecked: string[];
}

/**
 * The checkpoint witnesses had cosigned by the dossier's position: signed by
 * the log, extended by the dossier's checkpoint (consistency proof), and
 * cosigned by every witness whose key the auditor supplied.
 */
export function checkDossierWitnesses(transparency: DossierTransparency, checkpoint: OpenedCheckpoint, log: Verifier, trust: AuditorTrust, problems: string[]): WitnessFinding | null {
  const { witnessed } = transparency;
  if (!witnessed) {
    for (const witness of trust.witnesses) problems.push(`witness ${witness.name}: the dossier carries no cosigned checkpoint`);
    return null;
  }
  let cosigned: OpenedCheckpoint;
  try {
    cosigned = openCheckpoint(witnessed.checkpoint, log);
  } catch (error) {
    problems.push(`witnessed checkpoint: ${(error as Error).message}`);
    return null;
  }
  if (cosigned.size > checkpoint.size) {
    problems.push(`witnessed checkpoint: its size ${cosigned.size} exceeds the dossier's checkpoint of size ${checkpoint.size}`);
    return null;
  }
  const proof = witnessed.hashes.map((h) => Buffer.from(h, 'base64'));
  const inconsistent = checkConsistency(cosigned.size, checkpoint.size, cosigned.rootHash, checkpoint.rootHash, proof);
  if (inconsistent) {
    problems.push(`witnessed checkpoint: the dossier's checkpoint of size ${checkpoint.size} does not extend the cosigned one of size ${cosigned.size}: ${inconsistent}`);
    return null;
  }
  const lines = cosigned.note.signatures.filter((s) => !(s.name === log.name && s.keyId === log.keyId));
  const finding: WitnessFinding = { size: cosigned.size, cosigned: [], unchecked: [] };
  for (const witness of trust.witnesses) {
    const line = lines.find((s) => s.name === witness.name && s.keyId === witness.keyId);
    const time = line ? checkCosignature(cosigned.note.text, line, witness) : `witness ${witness.name} did not cosign the checkpoint of size ${cosigned.size}`;
    if (typeof time === 'number') finding.cosigned.push({ name: witness.name, time: new Date(time * 1000) });
    else problems.push(`witness ${witness.name}: ${time}`);
  }
  finding.unchecked = lines.filter((s) => !trust.witnesses.some((w) => w.name === s.name && w.keyId === s.keyId)).map((s) => s.name);
  return finding;
}
