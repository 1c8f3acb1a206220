import type { EvidenceEvent } from '../src/evidence/evidence.events';
import { sourceOf, type Projection, type Source } from './projection';

export interface EvidenceDoc {
  sha256: string;
  name: string;
  mediaType: string;
  size: number;
  effectiveOn: string | null;
  validUntil: string | null;
  description: string | null;
  /** The upload that stored it. */
  recorded: Source;
}

/** The evidence index: one document per stored file, by hash, as the dossier lists it. */
export const evidenceProjection: Projection<EvidenceDoc, EvidenceEvent> = {
  name: 'evidence',
  version: 1,
  handles: ['EvidenceStored'],
  keys: (event) => [String(event.data.sha256)],
  evolve(doc, event) {
    const type = event.type;
    switch (type) {
      case 'EvidenceStored': {
        // The first upload's details stand, as in the decider (a stream holds one EvidenceStored).
        if (doc) return doc;
        const { sha256, name, mediaType, size, effectiveOn, validUntil, description } = event.data;
        return { sha256, name, mediaType, size, effectiveOn, validUntil, description, recorded: sourceOf(event) };
      }
      default: {
        const unknown: never = type;
        return unknown;
      }
    }
  },
};

/** Past its validity on `today` (an ISO date): computed when asked, never stored. */
export const isExpired = (doc: Pick<EvidenceDoc, 'validUntil'>, today: string): boolean => doc.validUntil !== null && doc.validUntil < today;
