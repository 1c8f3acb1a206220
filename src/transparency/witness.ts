import type { KeyObject } from 'node:crypto';
import { cosign, openCheckpoint, type OpenedCheckpoint } from './checkpoint';
import { formatSignature, type Verifier } from './note';
import { checkConsistency } from './proofs';

/** What a witness keeps between runs: the last checkpoint it cosigned. */
export interface WitnessState {
  size: number;
  rootHash: string;
  checkpoint: string;
}

export interface WitnessLedger {
  checkpoint(): Promise<string>;
  consistency(from: number, to: number): Promise<string[]>;
  postCosignature(treeSize: number, line: string): Promise<void>;
}

/** A checkpoint the witness refuses to cosign, saying why. */
export class WitnessRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WitnessRefusal';
  }
}

/**
 * One round of a witness: fetch the latest checkpoint, check the log's
 * signature, check that it extends the one held (consistency proof), cosign
 * it, and answer the new state. Never cosigns a smaller or forked tree.
 */
export async function witnessRound(
  ledger: WitnessLedger,
  log: Verifier,
  witness: { name: string; privateKey: KeyObject },
  held: WitnessState | null,
  now: Date,
): Promise<{ state: WitnessState; opened: OpenedCheckpoint }> {
  const text = await ledger.checkpoint();
  let opened: OpenedCheckpoint;
  try {
    opened = openCheckpoint(text, log);
  } catch (error) {
    throw new WitnessRefusal(`the checkpoint is not the log's: ${(error as Error).message}`);
  }
  if (held) {
    const heldRoot = Buffer.from(held.rootHash, 'base64');
    if (opened.size < held.size) {
      throw new WitnessRefusal(`checkpoint of size ${opened.size} does not extend the checkpoint of size ${held.size} this witness holds: the log shrank`);
    }
    const proof = opened.size === held.size ? [] : (await ledger.consistency(held.size, opened.size)).map((h) => Buffer.from(h, 'base64'));
    const problem = checkConsistency(held.size, opened.size, heldRoot, opened.rootHash, proof);
    if (problem) throw new WitnessRefusal(`checkpoint of size ${opened.size} does not extend the checkpoint of size ${held.size} this witness holds: ${problem}`);
  }
  const signature = cosign(opened.note.text, witness.name, witness.privateKey, Math.floor(now.getTime() / 1000));
  await ledger.postCosignature(opened.size, formatSignature(signature));
  return { state: { size: opened.size, rootHash: opened.rootHash.toString('base64'), checkpoint: opened.note.text }, opened };
}
