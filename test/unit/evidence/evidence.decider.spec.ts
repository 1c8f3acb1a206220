import { evidenceDecider } from '../../../src/evidence/evidence.decider';
import type { EvidenceEvent } from '../../../src/evidence/evidence.events';
import { given } from '../../support/given-when-then';

const SHA = 'a'.repeat(64);
const policy = { sha256: SHA, size: 12, mediaType: 'application/pdf', name: 'pssi.pdf', effectiveOn: '2024-01-15', validUntil: '2025-01-15', description: 'PSSI v4' };
const stored: EvidenceEvent = { type: 'EvidenceStored', data: policy };

describe('evidence decider', () => {
  it('given nothing stored, storing records the file with its details', () => {
    given(evidenceDecider).when({ kind: 'StoreEvidence', ...policy }).then([stored]);
  });

  it('records a file without dates nor description', () => {
    const bare = { ...policy, effectiveOn: null, validUntil: null, description: null };
    given(evidenceDecider).when({ kind: 'StoreEvidence', ...bare }).then([{ type: 'EvidenceStored', data: bare }]);
  });

  it('records a validity of a single day', () => {
    const oneDay = { ...policy, validUntil: policy.effectiveOn };
    given(evidenceDecider).when({ kind: 'StoreEvidence', ...oneDay }).then([{ type: 'EvidenceStored', data: oneDay }]);
  });

  it('given the same bytes stored, storing them again records nothing, even under another name or description', () => {
    given(evidenceDecider, [stored]).when({ kind: 'StoreEvidence', ...policy }).then([]);
    given(evidenceDecider, [stored]).when({ kind: 'StoreEvidence', ...policy, name: 'other.pdf', description: 'again' }).then([]);
  });

  it('refuses a validity that ends before it starts, naming validUntil', () => {
    given(evidenceDecider).when({ kind: 'StoreEvidence', ...policy, validUntil: '2024-01-14' }).thenFails('validation', /effectiveOn/, 'validUntil');
  });
});
