import { SOVEREIGNTY_EVENT_TYPES, type SovereigntyEvent } from '../../src/sovereignty/sovereignty.events';
import { sourceOf, type Projection, type Source } from '../projection';
import { EMPTY_LEDGER, type Ledger } from './ledger';
import { recordFact, recordReview } from './notices';
import type { ChangeEvent } from '../../src/changes/changes.events';

export interface SovereigntyDoc extends Ledger {
  /** The last fact recorded. */
  recorded: Source | null;
}

export const SOVEREIGNTY_KEY = 'structure';

/**
 * Protection against non-EU law: one document holding every fact with its
 * business dates, and the 19.6.f notice obligations opened by the facts.
 * Evaluations on a business date are computed by queries (evaluate.ts),
 * since any date may be asked about.
 */
export const sovereigntyProjection: Projection<SovereigntyDoc> = {
  name: 'sovereignty',
  version: 2,
  // Change reviews too: an approved release that adds or changes an access path is in the register and may open a notice (decision 29).
  handles: [...SOVEREIGNTY_EVENT_TYPES, 'ChangeReviewed'],
  keys: () => [SOVEREIGNTY_KEY],
  evolve(doc, event) {
    if (event.type === 'ChangeReviewed') {
      const review = event.data as unknown as Extract<ChangeEvent, { type: 'ChangeReviewed' }>['data'];
      if (!review.accessPath || review.decision !== 'approved') return doc;
      const { recorded: _previous, ...facts }: SovereigntyDoc = doc ?? { ...EMPTY_LEDGER, recorded: null };
      return { ...recordReview(facts, review), recorded: sourceOf(event) };
    }
    const { recorded: _previous, ...facts }: SovereigntyDoc = doc ?? { ...EMPTY_LEDGER, recorded: null };
    return { ...recordFact(facts, { type: event.type, data: event.data } as unknown as SovereigntyEvent), recorded: sourceOf(event) };
  },
};
