import type { Decider } from '../shared/decider';
import { invalid, notFound, ruleBroken } from '../shared/errors';
import { notBefore, notInFuture } from '../shared/rules';
import { KINDS_BY_RECIPIENT, type IncidentEvent, type IncidentSeverity, type NotificationKind, type Recipient } from './incidents.events';

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
  | { kind: 'AttachPostmortem'; evidence: string };

export interface IncidentState {
  exists: boolean;
  incidentId: string;
  detectedAt: string;
  containedAt: string | null;
  resolvedAt: string | null;
  /** recipient|kind|sentAt of every notification sent, to refuse the same one twice. */
  notifications: string[];
  postmortems: string[];
}

/** Stored in UTC so that instants given in any zone order correctly as strings. */
const utc = (instant: string) => new Date(instant).toISOString();
const notificationKey = (recipient: string, kind: string, sentAt: string) => `${recipient}|${kind}|${sentAt}`;

export const incidentDecider: Decider<IncidentCommand, IncidentEvent, IncidentState> = {
  initialState: { exists: false, incidentId: '', detectedAt: '', containedAt: null, resolvedAt: null, notifications: [], postmortems: [] },

  evolve(state, event) {
    switch (event.type) {
      case 'IncidentDetected':
        return { ...state, exists: true, incidentId: event.data.incidentId, detectedAt: event.data.detectedAt };
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
      default: {
        const unknown: never = command;
        return unknown;
      }
    }
  },
};
