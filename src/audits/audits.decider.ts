import type { Decider } from '../shared/decider';
import { invalid, notFound, ruleBroken } from '../shared/errors';
import { notBefore, notInFuture, today } from '../shared/rules';
import { requireInEffect, type CitedEvidence } from '../shared/evidence-in-effect';
import type { AuditEvent, AuditKind, FindingCorrectableField, Resolution, Severity, Verdict } from './audits.events';

export type AuditCommand =
  | { kind: 'PlanAudit'; auditId: string; certificationId: string; auditKind: AuditKind; auditor: string; plannedStart: string; plannedEnd: string; plannedOn?: string }
  | { kind: 'StartAudit'; on: string }
  | { kind: 'RaiseFinding'; findingId: string; severity: Severity; requirement: string; title: string; dueOn: string; raisedOn?: string }
  | { kind: 'RecordRemediation'; findingId: string; action: string; on: string; evidence?: string[] }
  /** `cited`: when the evidence of the finding's latest remediation took effect, looked up by the handler. */
  | { kind: 'CorrectFinding'; findingId: string; field: FindingCorrectableField; value: string; reason: string; cited?: readonly CitedEvidence[] }
  | { kind: 'CloseFinding'; findingId: string; resolution: Resolution; justification: string; closedOn?: string }
  | { kind: 'CompleteAudit'; verdict: Verdict; on: string; report?: string };

export interface FindingState {
  severity: Severity;
  raisedOn: string;
  dueOn: string;
  closed: boolean;
  remediated: boolean;
  /** The latest remediation's day and the closing day, as recorded or corrected; null until then. */
  remediatedOn: string | null;
  closedOn: string | null;
  /** The evidence the latest remediation cites: it must be in effect on remediatedOn, as corrected too. */
  remediationEvidence: readonly string[];
}

export interface AuditState {
  exists: boolean;
  auditId: string;
  certificationId: string;
  /** The day the plan was made; null for plans recorded before it was kept. */
  plannedOn: string | null;
  startedOn: string | null;
  completedOn: string | null;
  findings: Record<string, FindingState>;
}

export const auditDecider: Decider<AuditCommand, AuditEvent, AuditState> = {
  initialState: { exists: false, auditId: '', certificationId: '', plannedOn: null, startedOn: null, completedOn: null, findings: {} },

  evolve(state, event) {
    switch (event.type) {
      case 'AuditPlanned':
        return { ...state, exists: true, auditId: event.data.auditId, certificationId: event.data.certificationId, plannedOn: event.data.plannedOn ?? null };
      case 'AuditStarted':
        return { ...state, startedOn: event.data.on };
      case 'FindingRaised':
        return {
          ...state,
          findings: {
            ...state.findings,
            [event.data.findingId]: { severity: event.data.severity, raisedOn: event.data.raisedOn, dueOn: event.data.dueOn, closed: false, remediated: false, remediatedOn: null, closedOn: null, remediationEvidence: [] },
          },
        };
      case 'FindingRemediated':
        return withFinding(state, event.data.findingId, { remediated: true, remediatedOn: event.data.on ?? null, remediationEvidence: event.data.evidence ?? [] });
      case 'FindingClosed':
        return withFinding(state, event.data.findingId, { closed: true, closedOn: event.data.closedOn ?? null });
      case 'FindingCorrected':
        return withFinding(state, event.data.findingId, { [event.data.field]: event.data.to });
      case 'AuditCompleted':
        return { ...state, completedOn: event.data.on };
      default: {
        const unknown: never = event;
        return unknown;
      }
    }
  },

  decide(command, state, now) {
    const auditId = state.auditId;
    switch (command.kind) {
      case 'PlanAudit': {
        if (state.exists) throw ruleBroken(`audit ${state.auditId} is already planned`);
        const { certificationId, auditKind, auditor, plannedStart, plannedEnd } = command;
        if (plannedEnd < plannedStart) throw invalid('plannedEnd', `cannot be before plannedStart (${plannedStart})`);
        // An audit is planned by the time it is meant to start at the latest.
        const plannedOn = command.plannedOn ?? earliest(today(now), plannedStart);
        notInFuture('plannedOn', plannedOn, now);
        if (plannedOn > plannedStart) throw invalid('plannedOn', `cannot be after plannedStart (${plannedStart}): an audit is planned before it starts`);
        return [{ type: 'AuditPlanned', data: { auditId: command.auditId, certificationId, kind: auditKind, auditor, plannedStart, plannedEnd, plannedOn } }];
      }
      case 'StartAudit':
        refuseWhenCompleted(state);
        if (state.startedOn) throw ruleBroken(`the audit already started on ${state.startedOn}`);
        notInFuture('on', command.on, now);
        if (state.plannedOn !== null) notBefore('on', command.on, state.plannedOn, 'the day the audit was planned');
        return [{ type: 'AuditStarted', data: { auditId, on: command.on } }];
      case 'RaiseFinding': {
        refuseWhenCompleted(state);
        if (!state.startedOn) throw ruleBroken('findings are raised only once the audit has started');
        if (state.findings[command.findingId]) throw ruleBroken(`finding ${command.findingId} was already raised`, { field: 'findingId' });
        const raisedOn = command.raisedOn ?? latest(today(now), state.startedOn);
        notInFuture('raisedOn', raisedOn, now);
        notBefore('raisedOn', raisedOn, state.startedOn, 'the start of the audit');
        notBefore('dueOn', command.dueOn, raisedOn, 'the day the finding was raised');
        const { findingId, severity, requirement, title, dueOn } = command;
        return [{ type: 'FindingRaised', data: { auditId, certificationId: state.certificationId, findingId, severity, requirement, title, dueOn, raisedOn } }];
      }
      case 'RecordRemediation': {
        // Follow-up of findings left open continues after completion: that is what a conditional verdict asks for.
        const finding = openFinding(state, command.findingId, 'remediated');
        notInFuture('on', command.on, now);
        notBefore('on', command.on, finding.raisedOn, 'the day the finding was raised');
        const data = { auditId, findingId: command.findingId, action: command.action, evidence: [...new Set(command.evidence ?? [])], on: command.on };
        return [{ type: 'FindingRemediated', data }];
      }
      case 'CorrectFinding':
        return [{ type: 'FindingCorrected', data: correction(state, command, now) }];
      case 'CloseFinding': {
        const finding = openFinding(state, command.findingId, 'closed again');
        if (command.resolution === 'remediated' && !finding.remediated) {
          throw ruleBroken('a finding closes as remediated only after a remediation was recorded; record it, or accept the risk explicitly', { field: 'resolution' });
        }
        if (command.justification.trim() === '') throw invalid('justification', 'must say why the finding is closed');
        const closedOn = command.closedOn ?? today(now);
        notInFuture('closedOn', closedOn, now);
        notBefore('closedOn', closedOn, finding.raisedOn, 'the day the finding was raised');
        const { findingId, resolution, justification } = command;
        return [{ type: 'FindingClosed', data: { auditId, findingId, resolution, justification, closedOn } }];
      }
      case 'CompleteAudit': {
        refuseWhenCompleted(state);
        if (!state.startedOn) throw ruleBroken('an audit completes only after it has started');
        notInFuture('on', command.on, now);
        notBefore('on', command.on, state.startedOn, 'the start of the audit');
        const open = Object.entries(state.findings).filter(([, f]) => !f.closed);
        const openMajors = open.filter(([, f]) => f.severity === 'major').map(([id]) => id);
        if (command.verdict === 'pass' && openMajors.length > 0) {
          throw ruleBroken(`the audit cannot pass while major findings are open (${openMajors.join(', ')}); close them or give a conditional or fail verdict`, { field: 'verdict' });
        }
        const data = { auditId, verdict: command.verdict, on: command.on, report: command.report ?? null, openFindings: open.map(([id]) => id) };
        return [{ type: 'AuditCompleted', data }];
      }
      default: {
        const unknown: never = command;
        return unknown;
      }
    }
  },
};

function withFinding(state: AuditState, findingId: string, change: Partial<FindingState>): AuditState {
  return { ...state, findings: { ...state.findings, [findingId]: { ...state.findings[findingId], ...change } } };
}

function refuseWhenCompleted(state: AuditState): void {
  if (state.completedOn) throw ruleBroken(`the audit was completed on ${state.completedOn}; it takes no further start, finding or completion; only findings left open are still followed up`);
}

/** The finding, which must exist in this audit and still be open. */
function openFinding(state: AuditState, findingId: string, what: string): FindingState {
  const finding = state.findings[findingId];
  if (!finding) throw notFound(`finding ${findingId} not found in audit ${state.auditId}`, { field: 'findingId' });
  if (finding.closed) throw ruleBroken(`finding ${findingId} is closed; it cannot be ${what}`);
  return finding;
}

const latest = (a: string, b: string) => (a > b ? a : b);
const earliest = (a: string, b: string) => (a < b ? a : b);

/** The correction of one business date of a finding, checked against the finding's other dates. */
function correction(state: AuditState, command: Extract<AuditCommand, { kind: 'CorrectFinding' }>, now: Date) {
  const { findingId, field, value } = command;
  const finding = state.findings[findingId];
  if (!finding) throw notFound(`finding ${findingId} not found in audit ${state.auditId}`, { field: 'findingId' });
  const reason = command.reason.trim();
  if (reason === '') throw invalid('reason', 'must say what was wrong');
  const from = finding[field];
  if (from === null) throw ruleBroken(`finding ${findingId} has no ${field} to correct`, { field: 'field' });
  if (from === value) throw ruleBroken(`finding ${findingId} already says ${field} ${value}; nothing to correct`, { field: 'value' });
  if (field !== 'dueOn') notInFuture('value', value, now);
  const corrected = { ...finding, [field]: value };
  if (corrected.dueOn < corrected.raisedOn) throw invalid('value', `dueOn cannot be before raisedOn (${corrected.raisedOn})`);
  for (const later of ['remediatedOn', 'closedOn'] as const) {
    const day = corrected[later];
    if (day !== null && day < corrected.raisedOn) throw invalid('value', `${later} cannot be before raisedOn (${corrected.raisedOn})`);
  }
  // On its corrected day the remediation must still rest on evidence then in effect.
  if (field === 'remediatedOn') {
    const cited = (command.cited ?? []).filter((e) => finding.remediationEvidence.includes(e.sha256));
    requireInEffect(cited, value, 'value', `the remediation of finding ${findingId}`);
  }
  return { auditId: state.auditId, findingId, field, from, to: value, reason };
}
