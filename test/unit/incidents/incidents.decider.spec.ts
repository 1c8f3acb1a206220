import { incidentDecider, type IncidentCommand } from '../../../src/incidents/incidents.decider';
import type { IncidentEvent } from '../../../src/incidents/incidents.events';
import { given } from '../../support/given-when-then';

const detected: IncidentEvent = {
  type: 'IncidentDetected',
  data: { incidentId: 'i1', certificationId: 'c1', title: 'Hypervisor console exposed', severity: 'high', detectedAt: '2026-11-27T08:00:00.000Z', personalData: true, significant: true },
};
const contained: IncidentEvent = { type: 'IncidentContained', data: { incidentId: 'i1', at: '2026-11-27T10:00:00.000Z' } };
const resolved: IncidentEvent = { type: 'IncidentResolved', data: { incidentId: 'i1', at: '2026-11-28T09:00:00.000Z', summary: 'Console firewalled, keys rotated' } };
const notified: IncidentEvent = {
  type: 'NotificationSent',
  data: { incidentId: 'i1', recipient: 'ANSSI', kind: 'early_warning', sentAt: '2026-11-27T12:00:00.000Z', reference: 'CERTFR-1' },
};
const sha = 'c'.repeat(64);
const postmortem: IncidentEvent = { type: 'PostmortemAttached', data: { incidentId: 'i1', evidence: sha } };

const notify = (change: Partial<Extract<IncidentCommand, { kind: 'SendNotification' }>> = {}): IncidentCommand => ({
  kind: 'SendNotification', recipient: 'ANSSI', notificationKind: 'early_warning', sentAt: '2026-11-27T12:00:00Z', reference: 'CERTFR-1', ...change,
});

describe('incidents decider', () => {
  describe('detection', () => {
    const detect = { kind: 'DetectIncident', incidentId: 'i1', title: 'Hypervisor console exposed', severity: 'high', personalData: true, significant: true } as const;

    it('records an incident with its facts, in UTC, for a certification or for the whole platform', () => {
      given(incidentDecider).when({ ...detect, certificationId: 'c1', detectedAt: '2026-11-27T09:00:00+01:00' }).then([detected]);
      given(incidentDecider).when({ ...detect, detectedAt: '2026-11-27T08:00:00Z' }).then([{ ...detected, data: { ...detected.data, certificationId: null } }]);
    });

    it('refuses a detection in the future', () => {
      given(incidentDecider).when({ ...detect, detectedAt: '2026-11-28T12:10:00Z' }).thenFails('validation', /future/, 'detectedAt');
    });

    it('records an incident once', () => {
      given(incidentDecider, [detected]).when({ ...detect, detectedAt: '2026-11-27T08:00:00Z' }).thenFails('rule_broken', /already recorded/);
    });
  });

  describe('notifications', () => {
    it('records a notification sent after the detection, with its reference', () => {
      given(incidentDecider, [detected]).when(notify()).then([notified]);
      given(incidentDecider, [detected]).when(notify({ recipient: 'customers', notificationKind: 'information', reference: undefined })).then([
        { type: 'NotificationSent', data: { incidentId: 'i1', recipient: 'customers', kind: 'information', sentAt: '2026-11-27T12:00:00.000Z', reference: null } },
      ]);
    });

    it('refuses a notification before the detection or in the future', () => {
      given(incidentDecider, [detected]).when(notify({ sentAt: '2026-11-27T07:59:59Z' })).thenFails('validation', /detection/, 'sentAt');
      given(incidentDecider, [detected]).when(notify({ sentAt: '2026-11-29T00:00:00Z' })).thenFails('validation', /future/, 'sentAt');
    });

    it('refuses a kind the recipient is not sent', () => {
      given(incidentDecider, [detected]).when(notify({ recipient: 'CNIL', notificationKind: 'early_warning' })).thenFails('validation', /CNIL/, 'kind');
      given(incidentDecider, [detected]).when(notify({ recipient: 'customers', notificationKind: 'notification' })).thenFails('validation', /information/, 'kind');
    });

    it('refuses the same notification twice, but takes another stage or a later report', () => {
      given(incidentDecider, [detected, notified]).when(notify({ sentAt: '2026-11-27T13:00:00+01:00' })).thenFails('rule_broken', /already recorded/, 'sentAt');
      given(incidentDecider, [detected, notified]).when(notify({ notificationKind: 'notification' })).then([
        { type: 'NotificationSent', data: { ...notified.data, kind: 'notification' } } as IncidentEvent,
      ]);
    });

    it('still takes notifications once resolved: final reports often come after', () => {
      given(incidentDecider, [detected, contained, resolved]).when(notify({ notificationKind: 'final_report', sentAt: '2026-11-28T10:00:00Z' })).then([
        { type: 'NotificationSent', data: { ...notified.data, kind: 'final_report', sentAt: '2026-11-28T10:00:00.000Z' } } as IncidentEvent,
      ]);
    });
  });

  describe('containment', () => {
    it('contains a detected incident', () => {
      given(incidentDecider, [detected]).when({ kind: 'ContainIncident', at: '2026-11-27T10:00:00Z' }).then([contained]);
    });

    it('refuses a containment before the detection or in the future', () => {
      given(incidentDecider, [detected]).when({ kind: 'ContainIncident', at: '2026-11-27T07:00:00Z' }).thenFails('validation', /detection/, 'at');
      given(incidentDecider, [detected]).when({ kind: 'ContainIncident', at: '2026-11-28T13:00:00Z' }).thenFails('validation', /future/, 'at');
    });

    it('contains once, and a resolved incident takes no containment', () => {
      given(incidentDecider, [detected, contained]).when({ kind: 'ContainIncident', at: '2026-11-27T11:00:00Z' }).thenFails('rule_broken', /already contained/);
      given(incidentDecider, [detected, contained, resolved]).when({ kind: 'ContainIncident', at: '2026-11-28T10:00:00Z' }).thenFails('rule_broken', /resolved incident takes no containment/);
    });
  });

  describe('resolution', () => {
    const resolve = { kind: 'ResolveIncident', at: '2026-11-28T09:00:00Z', summary: 'Console firewalled, keys rotated' } as const;

    it('resolves a contained incident with a summary', () => {
      given(incidentDecider, [detected, contained]).when(resolve).then([resolved]);
    });

    it('resolves only after containment', () => {
      given(incidentDecider, [detected]).when(resolve).thenFails('rule_broken', /only after it was contained/);
    });

    it('refuses a resolution before the containment, in the future, or without a summary', () => {
      given(incidentDecider, [detected, contained]).when({ ...resolve, at: '2026-11-27T09:59:00Z' }).thenFails('validation', /containment/, 'at');
      given(incidentDecider, [detected, contained]).when({ ...resolve, at: '2026-11-29T09:00:00Z' }).thenFails('validation', /future/, 'at');
      given(incidentDecider, [detected, contained]).when({ ...resolve, summary: '  ' }).thenFails('validation', /resolved/, 'summary');
    });

    it('resolves once', () => {
      given(incidentDecider, [detected, contained, resolved]).when(resolve).thenFails('rule_broken', /already resolved/);
    });
  });

  describe('post-mortem', () => {
    it('attaches a post-mortem to a resolved incident, and a revised one beside it', () => {
      given(incidentDecider, [detected, contained, resolved]).when({ kind: 'AttachPostmortem', evidence: sha }).then([postmortem]);
      given(incidentDecider, [detected, contained, resolved, postmortem]).when({ kind: 'AttachPostmortem', evidence: 'd'.repeat(64) }).then([
        { type: 'PostmortemAttached', data: { incidentId: 'i1', evidence: 'd'.repeat(64) } },
      ]);
    });

    it('attaches a post-mortem only after resolution', () => {
      given(incidentDecider, [detected, contained]).when({ kind: 'AttachPostmortem', evidence: sha }).thenFails('rule_broken', /only once the incident is resolved/);
    });

    it('refuses the same post-mortem twice', () => {
      given(incidentDecider, [detected, contained, resolved, postmortem]).when({ kind: 'AttachPostmortem', evidence: sha }).thenFails('rule_broken', /already attached/, 'evidence');
    });
  });

  it('answers not found for anything but a detection of an incident never detected', () => {
    given(incidentDecider).when({ kind: 'ContainIncident', at: '2026-11-27T10:00:00Z' }).thenFails('not_found', /detection first/);
    given(incidentDecider).when({ kind: 'ResolveIncident', at: '2026-11-27T10:00:00Z', summary: 'x' }).thenFails('not_found');
    given(incidentDecider).when(notify()).thenFails('not_found');
  });
});
