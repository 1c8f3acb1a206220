import { array, component, instant, integer, nullable, object, position, text } from '../openapi/schema';

const base64Hash = text('A SHA-256 hash, base64', { pattern: '^[A-Za-z0-9+/]{43}=$' });
const treeSize = (description: string) => integer({ minimum: 0, description });

/** A page of checkpoints, inline like the other pages so that its `next` is documented where lists are checked. */
export const Checkpoints = object({
    items: array(
      object({
        treeSize: treeSize('The number of leaves the checkpoint covers'),
        rootHash: base64Hash,
        issuedAt: instant,
        checkpoint: text('The checkpoint as GET /transparency/checkpoint serves it: the signed note and the witnesses\' cosignature lines'),
        timestamp: nullable(text('The RFC 3161 time-stamp token of the signed note (without cosignatures), DER in base64; null while no TSA has stamped it')),
      }),
      'Newest first',
    ),
  next: nullable(integer({ minimum: 1, description: 'Pass as `before` for the next page; null on the last page' })),
});

export const LogKey = component(
  'LogKey',
  object({
    origin: text('The log\'s origin line, the first line of its checkpoints'),
    pem: text('The Ed25519 public key, SPKI PEM'),
    verifierKey: text('The same key as a C2SP verifier key: `<name>+<key id>+<base64 key>`'),
  }),
);

export const InclusionProof = component(
  'InclusionProof',
  object({
    leafIndex: integer({ minimum: 0 }),
    treeSize: treeSize('The tree the proof leads to the root of'),
    eventId: text('The event the leaf stands for'),
    position,
    leafHash: base64Hash,
    rootHash: base64Hash,
    hashes: array(base64Hash, 'The audit path, RFC 9162 §2.1.3'),
  }),
);

export const ConsistencyProof = component(
  'ConsistencyProof',
  object({ from: treeSize('The smaller tree'), to: treeSize('The larger tree'), hashes: array(base64Hash, 'The consistency proof, RFC 9162 §2.1.4') }),
);
