import { createHash, createPublicKey, verify } from 'node:crypto';
import { openCheckpoint, signCheckpoint, cosign, checkCosignature, checkpointText } from '../../../src/transparency/checkpoint';
import { consistencyProof, inclusionProof, leafHash, MemoryTree } from '../../../src/transparency/merkle';
import {
  checkNoteSignature,
  COSIGNATURE_ALG,
  formatNote,
  formatSignature,
  parseNote,
  parseVerifierKey,
  privateKeyFromSeed,
  signNote,
  verifierKey,
} from '../../../src/transparency/note';
import {
  ENOCH_SIGNATURE_LINE,
  ENOCH_VERIFIER_KEY,
  NOTE_TEXT,
  PETER_SIGNATURE_LINE,
  PETER_SIGNER_KEY,
  PETER_VERIFIER_KEY,
} from '../../fixtures/transparency/signed-note-vectors';

const peterSeed = () => Buffer.from(PETER_SIGNER_KEY.split('+').slice(4).join('+'), 'base64').subarray(1);

describe('C2SP signed notes against the published Go test vectors', () => {
  it('derives the published verifier key, key id included, from the published signer key', () => {
    const key = privateKeyFromSeed(peterSeed());
    expect(verifierKey('PeterNeumann', createPublicKey(key))).toBe(PETER_VERIFIER_KEY);
  });

  it('signs the published text into the published note, byte for byte', () => {
    const key = privateKeyFromSeed(peterSeed());
    const note = formatNote({ text: NOTE_TEXT, signatures: [signNote(NOTE_TEXT, 'PeterNeumann', key)] });
    expect(note).toBe(`${NOTE_TEXT}\n${PETER_SIGNATURE_LINE}`);
  });

  it('opens the published two-signature note, verifying each signer with its own key only', () => {
    const note = parseNote(`${NOTE_TEXT}\n${PETER_SIGNATURE_LINE}${ENOCH_SIGNATURE_LINE}`);
    expect(note.text).toBe(NOTE_TEXT);
    expect(checkNoteSignature(note, parseVerifierKey(PETER_VERIFIER_KEY))).toBeNull();
    expect(checkNoteSignature(note, parseVerifierKey(ENOCH_VERIFIER_KEY))).toBeNull();
    const altered = parseNote(`${NOTE_TEXT.replace('answer', 'answers')}\n${PETER_SIGNATURE_LINE}`);
    expect(checkNoteSignature(altered, parseVerifierKey(PETER_VERIFIER_KEY))).toMatch(/invalid signature by PeterNeumann\+c74f20a3/);
  });

  it('refuses mangled verifier keys', () => {
    for (const bad of [
      PETER_VERIFIER_KEY.replace('c74f20a3', 'c74f20a4'),
      'PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==',
      'PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW',
      PETER_VERIFIER_KEY.slice(1),
    ]) {
      expect(() => parseVerifierKey(bad)).toThrow(/verifier key/);
    }
  });
});

describe('checkpoints', () => {
  const key = privateKeyFromSeed(Buffer.alloc(32, 7));
  const body = { origin: 'ledger.example/log', size: 3, rootHash: leafHash(Buffer.from('x')) };

  it("is signed so that Node's own Ed25519 verification accepts the note body, key id as C2SP defines it", () => {
    const checkpoint = signCheckpoint(body, key);
    const [text, signatureLine] = checkpoint.split('\n\n');
    expect(text + '\n').toBe(`ledger.example/log\n3\n${body.rootHash.toString('base64')}\n`);
    const bytes = Buffer.from(signatureLine.replace(/^— ledger\.example\/log /, '').trim(), 'base64');
    const raw = createPublicKey(key).export({ format: 'jwk' }).x as string;
    const expectedId = createHash('sha256')
      .update(Buffer.concat([Buffer.from('ledger.example/log\n'), Buffer.from([1]), Buffer.from(raw, 'base64url')]))
      .digest()
      .subarray(0, 4);
    expect(bytes.subarray(0, 4)).toEqual(expectedId);
    expect(verify(null, Buffer.from(text + '\n'), createPublicKey(key), bytes.subarray(4))).toBe(true);
  });

  it('opens with the log key and refuses a forged size, another origin or another key', () => {
    const log = parseVerifierKey(verifierKey('ledger.example/log', createPublicKey(key)));
    const checkpoint = signCheckpoint(body, key);
    expect(openCheckpoint(checkpoint, log).size).toBe(3);
    expect(() => openCheckpoint(checkpoint.replace('\n3\n', '\n4\n'), log)).toThrow(/invalid signature/);
    const other = parseVerifierKey(verifierKey('ledger.example/log', createPublicKey(privateKeyFromSeed(Buffer.alloc(32, 8)))));
    expect(() => openCheckpoint(checkpoint, other)).toThrow(/no signature/);
    const renamed = parseVerifierKey(verifierKey('elsewhere/log', createPublicKey(key)));
    expect(() => openCheckpoint(checkpoint, renamed)).toThrow(/origin/);
  });

  it('carries witness cosignatures over the header, time and checkpoint text', () => {
    const witnessKey = privateKeyFromSeed(Buffer.alloc(32, 9));
    const witness = parseVerifierKey(verifierKey('auditor.example/w1', createPublicKey(witnessKey), COSIGNATURE_ALG));
    const text = checkpointText(body);
    const signature = cosign(text, 'auditor.example/w1', witnessKey, 1_700_000_000);
    const message = Buffer.from(`cosignature/v1\ntime 1700000000\n${text}`);
    expect(verify(null, message, createPublicKey(witnessKey), signature.signature.subarray(8))).toBe(true);
    expect(checkCosignature(text, signature, witness)).toBe(1_700_000_000);
    expect(checkCosignature(text.replace('\n3\n', '\n2\n'), signature, witness)).toMatch(/invalid cosignature/);
  });
});

describe("README's worked example", () => {
  const hashes = [
    '5b3a5bb5e6a1c1f3f2f8a8b1d0a6f1f6c5a6a6e7c0a0b0c0d0e0f0a1b2c3d4e5',
    '7f2c0d9a3b6e1f4a5c8d7e0b9a2f3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b',
    '0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d',
  ];

  it('is what the code produces, so a verifier written from README checks real output', () => {
    const tree = new MemoryTree();
    for (const hash of hashes) tree.append(leafHash(Buffer.from(hash, 'hex')));
    const body = { origin: 'ledger.example.com/log', size: 3, rootHash: tree.root() };
    const logKey = privateKeyFromSeed(Buffer.alloc(32, 0x2a));
    const witnessKey = privateKeyFromSeed(Buffer.alloc(32, 0x07));
    const checkpoint = signCheckpoint(body, logKey) + formatSignature(cosign(checkpointText(body), 'auditor.example.com/witness', witnessKey, 1764000000));
    expect(checkpoint).toBe(
      'ledger.example.com/log\n3\naZmZA1aX8R4ai1GuSdD0G9XEpMzhnVd3aWG0r5W3Xgc=\n\n' +
        '— ledger.example.com/log Iba9yMgGHOZf5+bwsfHJqA6/O7ohQKQycrpXm1M6fEXlqJq9fnrb9GwpYoaLMIrGjnC5Mvv3p5HVqDh1UPY+sYMgrQE=\n' +
        '— auditor.example.com/witness ar/X3gAAAABpJIEAlrbxK25IHcjyyESZSlhn5PolhYZYYxALh7N0sZ9hTWq4fzVjpE1qczR2lRCaxAhqKCqTsDP9PBffjR/eoZxCBQ==\n',
    );
    expect(verifierKey('ledger.example.com/log', createPublicKey(logKey))).toBe('ledger.example.com/log+21b6bdc8+ARl/ayPhbIUyxqvIOPrNXqeJvgx2spIDNAOb+os9No1h');
    expect(verifierKey('auditor.example.com/witness', createPublicKey(witnessKey), COSIGNATURE_ALG)).toBe(
      'auditor.example.com/witness+6abfd7de+BOpKbGPinFIKvvVQexMuxfmVR3auvr57kkIe6mkURtIs',
    );
    expect(inclusionProof(2, 3, tree.fetch).map((h) => h.toString('base64'))).toEqual(['WnVHqbaABjLiBIbjcV+5uhCvUJJYcTS0dQW559qVVcU=']);
    expect(consistencyProof(2, 3, tree.fetch).map((h) => h.toString('base64'))).toEqual(['6qCUVtEUc0Xi2FeayAHusLeQZ2ue+OJAxhTIj6rEv2U=']);
  });
});
