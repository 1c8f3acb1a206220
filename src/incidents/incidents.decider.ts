import type { Decider } from '../shared/decider';
import { invalid, notFound, ruleBroken } from '../shared/errors';
import { notBefore, notInFuture } from '../shared/rules';
import { incidentDeadlines } from './incident-deadlines';
import { KINDS_BY_RECIPIENT, type IncidentCorrectableField, type IncidentEvent, type IncidentSeverity, type NotificationKind, type Obligation, type Recipient } from './incidents.events';

export type IncidentCommand =
  | {
      kind: 'DetectIncident';
      incidentId: string;
      certificationId?: string;
      title: string;
      severity: IncidentSeverity;
      detectedAt: string;
      personalData: boolean;
      significant: boolean;
    }
  | { kind: 'SendNotification'; recipient: Recipient; notificationKind: NotificationKind; sentAt: string; reference?: string }
  | { kind: 'ContainIncident'; at: string }
  | { kind: 'ResolveIncident'; at: string; summary: string }
  | { kind: 'AttachPostmortem'; evidence: string }
  | { kind: 'WaiveNotification'; obligation: Obligation; reason: string; legalBasis: string }
  | { kind: 'CorrectIncident'; field: IncidentCorrectableField; value: string; reason: string };

export interface IncidentState {
  exists: boolean;
  incidentId: string;
  detectedAt: string;
  containedAt: string | null;
  resolvedAt: string | null;
  /** recipient|kind|sentAt of every notification sent, to refuse the same one twice. */
  notifications: string[];
  postmortems: string[];
  personalData: boolean;
  significant: boolean;
  waived: Obligation[];
}

/** Stored in UTC so that instants given in any zone order correctly as strings. */
const utc = (instant: string) => new Date(instant).toISOString();
const notificationKey = (recipient: string, kind: string, sentAt: string) => `${recipient}|${kind}|${sentAt}`;

export const incidentDecider: Decider<IncidentCommand, IncidentEvent, IncidentState> = {
  initialState: {
    exists: false, incidentId: '', detectedAt: '', containedAt: null, resolvedAt: null, notifications: [], postmortems: [], personalData: false, significant: false, waived: [],
  },

  evolve(state, event) {
    switch (event.type) {
      case 'IncidentDetected':
        return { ...state, exists: true, incidentId: event.data.incidentId, detectedAt: event.data.detectedAt, personalData: event.data.personalData, significant: event.data.significant };
      case 'NotificationSent': {
        const { recipient, kind, sentAt } = event.data;
        return { ...state, notifications: [...state.notifications, notificationKey(recipient, kind, sentAt)] };
      }
      case 'IncidentContained':
        return { ...state, containedAt: event.data.at };
      case 'IncidentResolved':
        return { ...state, resolvedAt: event.data.at };
      case 'PostmortemAttached':
        return { ...state, postmortems: [...state.postmortems, event.data.evidence] };
      case 'NotificationWaived':
        return { ...state, waived: [...state.waived, event.data.obligation] };
      case 'IncidentCorrected':
        return { ...state, [event.data.field]: event.data.to };
      default: {
        const unknown: never = event;
        return unknown;
      }
    }
  },

  decide(command, state, now) {
    const incidentId = state.incidentId;
    // Everything but the detection happens to an incident that was detected first.
    if (command.kind !== 'DetectIncident' && !state.exists) throw notFound('incident not found; record its detection first');
    switch (command.kind) {
      case 'DetectIncident': {
        if (state.exists) throw ruleBroken(`incident ${state.incidentId} is already recorded`);
        notInFuture('detectedAt', command.detectedAt, now);
        const { title, severity, personalData, significant } = command;
        const data = { incidentId: command.incidentId, certificationId: command.certificationId ?? null, title, severity, detectedAt: utc(command.detectedAt), personalData, significant };
        return [{ type: 'IncidentDetected', data }];
      }
      case 'SendNotification': {
        const { recipient, notificationKind: kind } = command;
        if (!KINDS_BY_RECIPIENT[recipient].includes(kind)) {
          throw invalid('kind', `${recipient} is sent ${KINDS_BY_RECIPIENT[recipient].join(' or ')}, not ${kind}`);
        }
        notInFuture('sentAt', command.sentAt, now);
        notBefore('sentAt', command.sentAt, state.detectedAt, 'the detection of the incident');
        const sentAt = utc(command.sentAt);
        if (state.notifications.includes(notificationKey(recipient, kind, sentAt))) {
          throw ruleBroken(`the ${kind} to ${recipient} sent at ${sentAt} is already recorded`, { field: 'sentAt' });
        }
        return [{ type: 'NotificationSent', data: { incidentId, recipient, kind, sentAt, reference: command.reference ?? null } }];
      }
      case 'ContainIncident':
        if (state.resolvedAt) throw ruleBroken(`the incident was resolved at ${state.resolvedAt}; a resolved incident takes no containment`);
        if (state.containedAt) throw ruleBroken(`the incident was already contained at ${state.containedAt}`);
        notInFuture('at', command.at, now);
        notBefore('at', command.at, state.detectedAt, 'the detection of the incident');
        return [{ type: 'IncidentContained', data: { incidentId, at: utc(command.at) } }];
      case 'ResolveIncident':
        if (state.resolvedAt) throw ruleBroken(`the incident was already resolved at ${state.resolvedAt}`);
        if (!state.containedAt) throw ruleBroken('an incident is resolved only after it was contained; record the containment first');
        notInFuture('at', command.at, now);
        notBefore('at', command.at, state.containedAt, 'the containment of the incident');
        if (command.summary.trim() === '') throw invalid('summary', 'must say how the incident was resolved');
        return [{ type: 'IncidentResolved', data: { incidentId, at: utc(command.at), summary: command.summary } }];
      case 'AttachPostmortem':
        if (!state.resolvedAt) throw ruleBroken('a post-mortem is attached only once the incident is resolved');
        if (state.postmortems.includes(command.evidence)) {
          throw ruleBroken(`the post-mortem ${command.evidence} is already attached`, { field: 'evidence' });
        }
        return [{ type: 'PostmortemAttached', data: { incidentId, evidence: command.evidence } }];
      case 'WaiveNotification':
        return [{ type: 'NotificationWaived', data: waiver(state, command) }];
      case 'CorrectIncident':
        return [{ type: 'IncidentCorrected', data: correction(state, command, now) }];
      default: {
        const unknown: never = command;
        return unknown;
      }
    }
  },
};

const obligationOf = (recipient: string, kind: string, sentAt: string) => ({ recipient: recipient as Recipient, kind: kind as NotificationKind, sentAt });

/** A waiver of an obligation this incident gives rise to, not yet met nor waived. */
function waiver(state: IncidentState, command: Extract<IncidentCommand, { kind: 'WaiveNotification' }>) {
  const { obligation } = command;
  const notifications = state.notifications.map((key) => obligationOf(...(key.split('|') as [string, string, string])));
  const owed = incidentDeadlines({ ...state, notifications }).find((d) => d.obligation === obligation);
  if (!owed) throw ruleBroken(`this incident gives rise to no ${obligation}: there is nothing to waive`, { field: 'obligation' });
  if (state.waived.includes(obligation)) throw ruleBroken(`the ${obligation} was already waived`, { field: 'obligation' });
  if (owed.metAt !== null) throw ruleBroken(`the ${obligation} was sent at ${owed.metAt}; a notification sent is not waived`, { field: 'obligation' });
  const reason = command.reason.trim();
  const legalBasis = command.legalBasis.trim();
  if (reason === '') throw invalid('reason', 'must say why the notification is not owed');
  if (legalBasis === '') throw invalid('legalBasis', 'must name the provision, such as GDPR art. 33(1)');
  return { incidentId: state.incidentId, obligation, reason, legalBasis };
}

/** The correction of one business instant, checked against the order detection, containment, resolution and the notifications. */
function correction(state: IncidentState, command: Extract<IncidentCommand, { kind: 'CorrectIncident' }>, now: Date) {
  const { field } = command;
  const from = state[field];
  if (from === null) throw ruleBroken(`the incident has no ${field} to correct`, { field: 'field' });
  notInFuture('value', command.value, now);
  const to = utc(command.value);
  if (to === from) throw ruleBroken(`the incident already says ${field} ${from}; nothing to correct`, { field: 'value' });
  const reason = command.reason.trim();
  if (reason === '') throw invalid('reason', 'must say what was wrong');
  const corrected = { ...state, [field]: to };
  const firstSent = state.notifications.map((key) => utc(key.split('|')[2])).sort()[0];
  if (firstSent !== undefined && corrected.detectedAt > firstSent) throw invalid('value', `detectedAt cannot be after the first notification (${firstSent})`);
  if (corrected.containedAt !== null) notBefore('value', corrected.containedAt, corrected.detectedAt, 'the detection of the incident');
  if (corrected.resolvedAt !== null && corrected.containedAt !== null) notBefore('value', corrected.resolvedAt, corrected.containedAt, 'the containment of the incident');
  return { incidentId: state.incidentId, field, from, to, reason };
}
