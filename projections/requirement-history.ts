import type { ControlEvent } from '../src/controls/controls.events';
import type { Projection, Source } from './projection';
import { statedOn } from './requirement-status';

/** What a check entry keeps, to work out the latest check on any business date. */
export interface HistoryCheck {
  checkId: string;
  result: string;
  method: string;
  performedAt: string;
  evidence: string[];
}

/** What a statement entry keeps, to know what applied on any business date. */
export interface HistoryStatement {
  applicable: boolean;
  justification: string;
  reviewIntervalDays: number | null;
  on: string;
}

/** What a correction entry keeps: the check and its new date. */
export interface HistoryCorrection {
  checkId: string;
  field: string;
  from: string;
  to: string;
  reason: string;
}

/** One statement, check or correction in a requirement's history, citing its event. */
export type RequirementHistoryEntry = Source & {
  certificationId: string;
  ref: string;
  type: string;
  summary: string;
  check?: HistoryCheck;
  correction?: HistoryCorrection;
  statement?: HistoryStatement;
};

/** Positions padded so that keys sort in log order. */
const POSITION_DIGITS = 20;

/** The prefix of one requirement's entries: `<certificationId>:<ref>:`. */
export const historyPrefix = (certificationId: string, ref: string) => `${certificationId}:${ref}:`;

/** Every statement of applicability and control check of a requirement, one document each, in log order. */
export const requirementHistoryProjection: Projection<RequirementHistoryEntry, ControlEvent> = {
  name: 'requirement-history',
  // 3: statements keep what they stated and their business day.
  version: 3,
  handles: ['ApplicabilityStated', 'ControlCheckRecorded', 'ControlCheckCorrected'],
  keys: (event) => [`${historyPrefix(event.data.certificationId, event.data.ref)}${event.position.padStart(POSITION_DIGITS, '0')}`],
  evolve(_doc, event) {
    // The source's fields written out rather than spread: this runs once per control check, a million times in a replay.
    const entry: RequirementHistoryEntry = {
      position: event.position, eventId: event.id, recordedAt: event.metadata.recordedAt, actor: event.metadata.actor,
      certificationId: event.data.certificationId, ref: event.data.ref, type: event.type, summary: '',
    };
    if (event.type === 'ApplicabilityStated') {
      const d = event.data;
      const on = statedOn(d.on, event.metadata.recordedAt);
      entry.summary = `${d.applicable ? 'applicable' : 'not applicable'} from ${on}: ${d.justification}`;
      entry.statement = { applicable: d.applicable, justification: d.justification, reviewIntervalDays: d.reviewIntervalDays ?? null, on };
    } else if (event.type === 'ControlCheckCorrected') {
      const d = event.data;
      entry.summary = `check ${d.checkId}: ${d.field} corrected from ${d.from} to ${d.to} (${d.reason})`;
      entry.correction = { checkId: d.checkId, field: d.field, from: d.from, to: d.to, reason: d.reason };
    } else {
      const d = event.data;
      entry.summary = `${d.result} (${d.method}) at ${d.performedAt}`;
      entry.check = { checkId: d.checkId, result: d.result, method: d.method, performedAt: d.performedAt, evidence: d.evidence ?? [] };
    }
    return entry;
  },
};
