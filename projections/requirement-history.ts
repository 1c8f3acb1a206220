import type { ControlEvent } from '../src/controls/controls.events';
import type { Projection, Source } from './projection';

/** One statement or check in a requirement's history, citing its event. */
export type RequirementHistoryEntry = Source & { certificationId: string; ref: string; type: string; summary: string };

/** Positions padded so that keys sort in log order. */
const POSITION_DIGITS = 20;

/** The prefix of one requirement's entries: `<certificationId>:<ref>:`. */
export const historyPrefix = (certificationId: string, ref: string) => `${certificationId}:${ref}:`;

/** Every statement of applicability and control check of a requirement, one document each, in log order. */
export const requirementHistoryProjection: Projection<RequirementHistoryEntry, ControlEvent> = {
  name: 'requirement-history',
  version: 1,
  handles: ['ApplicabilityStated', 'ControlCheckRecorded'],
  keys: (event) => [`${historyPrefix(event.data.certificationId, event.data.ref)}${event.position.padStart(POSITION_DIGITS, '0')}`],
  evolve(_doc, event) {
    const summary = event.type === 'ApplicabilityStated'
      ? `${event.data.applicable ? 'applicable' : 'not applicable'}: ${event.data.justification}`
      : `${event.data.result} (${event.data.method}) at ${event.data.performedAt}`;
    const d = event.data;
    // The source's fields written out rather than spread: this runs once per control check, a million times in a replay.
    return {
      position: event.position, eventId: event.id, recordedAt: event.metadata.recordedAt, actor: event.metadata.actor,
      certificationId: d.certificationId, ref: d.ref, type: event.type, summary,
    };
  },
};
