import { evidenceProjection, isExpired } from '../../../projections/evidence';
import { project, type FactOf } from '../../support/projection-harness';

const SHA = 'a'.repeat(64);
const data = { sha256: SHA, size: 12, mediaType: 'application/pdf', name: 'pssi.pdf', effectiveOn: '2024-01-15', validUntil: '2025-01-15', description: 'PSSI v4' };
const stored: FactOf = { type: 'EvidenceStored', data, recordedAt: '2026-11-20T09:00:00.000Z', actor: 'compliance-1' };

describe('evidence projection', () => {
  it('given a stored file, indexes it by hash with the details the dossier lists and where it was recorded', () => {
    expect(project(evidenceProjection, [stored]).get(SHA)).toEqual({
      ...data,
      recorded: { position: '1', eventId: 'event-1', recordedAt: '2026-11-20T09:00:00.000Z', actor: 'compliance-1' },
    });
  });

  it('given the same bytes stored twice (as on an imported log), keeps the first record', () => {
    const docs = project(evidenceProjection, [stored, { type: 'EvidenceStored', data: { ...data, name: 'renamed.pdf' }, actor: 'admin-1' }]);
    expect(docs.size).toBe(1);
    expect(docs.get(SHA)).toMatchObject({ name: 'pssi.pdf', recorded: { position: '1', actor: 'compliance-1' } });
  });

  it('given two files, keeps one document each', () => {
    const other = { ...data, sha256: 'b'.repeat(64), name: 'scan.html', mediaType: 'text/html', validUntil: null };
    expect([...project(evidenceProjection, [stored, { type: 'EvidenceStored', data: other }]).keys()]).toEqual([SHA, 'b'.repeat(64)]);
  });

  it('calls evidence expired only after its validUntil day, and never when it has none', () => {
    expect(isExpired({ validUntil: '2025-01-15' }, '2025-01-15')).toBe(false);
    expect(isExpired({ validUntil: '2025-01-15' }, '2025-01-16')).toBe(true);
    expect(isExpired({ validUntil: null }, '2099-01-01')).toBe(false);
  });
});
