/** Auditors' witnesses of the transparency log, and the checkpoints they cosigned. */
export type WitnessEvent =
  | { type: 'WitnessRegistered'; data: { name: string; verifierKey: string } }
  | { type: 'CheckpointCosigned'; data: { witness: string; treeSize: number; rootHash: string; timestamp: number; cosignature: string } };

/** One stream holds every witness: a cosignature is checked against the whole registry. */
export const WITNESSES_STREAM = 'transparency-witnesses';
