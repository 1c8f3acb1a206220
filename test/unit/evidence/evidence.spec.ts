import { evidenceDecider } from '../../../src/evidence/evidence.decider';
import { evidenceProjection } from '../../../projections/evidence';
import { given } from '../../support/given-when-then';
import { project } from '../../support/projection-harness';

const SHA = 'a'.repeat(64);
const stored = { sha256: SHA, size: 12, mediaType: 'application/pdf', name: 'pssi.pdf', effectiveOn: '2024-01-15', validUntil: '2025-01-15', description: 'PSSI' };

describe('evidence decider', () => {
  it('given nothing stored, storing records the file', () => {
    given(evidenceDecider).when({ kind: 'StoreEvidence', ...stored }).then([{ type: 'EvidenceStored', data: stored }]);
  });

  it('given the same bytes stored, storing again records nothing, whatever the new name', () => {
    given(evidenceDecider, [{ type: 'EvidenceStored', data: stored }]).when({ kind: 'StoreEvidence', ...stored, name: 'other.pdf' }).then([]);
  });

  it('refuses a validity that ends before it starts, naming validUntil', () => {
    given(evidenceDecider).when({ kind: 'StoreEvidence', ...stored, validUntil: '2023-12-31' }).thenFails('validation', /effectiveOn/, 'validUntil');
  });
});

describe('evidence projection', () => {
  it('indexes a file by its hash and keeps the first record when the same bytes come again', () => {
    const docs = project(evidenceProjection, [
      { type: 'EvidenceStored', data: stored },
      { type: 'EvidenceStored', data: { ...stored, name: 'renamed.pdf' } },
    ]);
    expect(docs.get(SHA)).toMatchObject({ name: 'pssi.pdf', size: 12, mediaType: 'application/pdf', recorded: { position: '1' } });
  });
});
