/**
 * The operational part of the demo story: an incident, upstream change
 * reviews and the documents stored as evidence. All illustrative.
 */
import { DEMO_NOTE } from './demo-story';

export const INCIDENT = {
  id: 'incident-support-export',
  detect: {
    title: 'Support export sent to the wrong customer tenant',
    severity: 'high',
    detectedAt: '2024-03-12T09:40:00Z',
    personalData: true,
    significant: false,
  },
  containedAt: '2024-03-12T11:15:00Z',
  notifications: [
    { recipient: 'customers', kind: 'information', sentAt: '2024-03-12T18:00:00Z', reference: 'Customer notice (demo)' },
    { recipient: 'CNIL', kind: 'notification', sentAt: '2024-03-14T16:00:00Z', reference: 'CNIL notification (demo)' },
  ],
  resolved: { at: '2024-03-15T17:00:00Z', summary: `${DEMO_NOTE}: export job fixed to check the target tenant; the misrouted file was deleted by the recipient` },
} as const;

const UPSTREAM = 'Hyperscaler upstream (demo)';

/** Upstream releases: reviewed and deployed, one rejected, one emergency fix reviewed afterwards. */
export const CHANGES = [
  {
    id: 'change-control-plane-2023-11',
    receive: { source: UPSTREAM, release: 'Container platform control plane 1.27.8', description: 'Minor release of the managed container control plane', receivedAt: '2023-11-02T10:00:00Z' },
    review: { decision: 'approved', risk: 'low', reviewedAt: '2023-11-06T14:00:00Z', notes: 'No change to data flows or administration interfaces' },
    deployments: [{ environment: 'production', deployedAt: '2023-11-13T06:00:00Z' }],
  },
  {
    id: 'change-host-firmware-2024-01',
    receive: { source: UPSTREAM, release: 'Compute host firmware 2024.01', description: 'Firmware bundle for compute hosts', receivedAt: '2024-01-10T09:00:00Z' },
    review: { decision: 'approved', risk: 'medium', reviewedAt: '2024-01-15T10:30:00Z', notes: 'Rolled out to pre-production first' },
    deployments: [
      { environment: 'preproduction', deployedAt: '2024-01-17T06:00:00Z' },
      { environment: 'production', deployedAt: '2024-01-24T06:00:00Z' },
    ],
  },
  {
    id: 'change-hypervisor-fix-2024-02',
    receive: { source: UPSTREAM, release: 'Hypervisor security fix 2024-02', description: 'Fix for a critical hypervisor vulnerability', receivedAt: '2024-02-06T07:30:00Z' },
    emergency: {
      environment: 'production',
      deployedAt: '2024-02-06T15:00:00Z',
      justification: `${DEMO_NOTE}: actively exploited vulnerability; the security officer approved deployment ahead of the review board`,
    },
    review: { decision: 'approved', risk: 'high', reviewedAt: '2024-02-08T10:00:00Z', notes: 'Retrospective review of the emergency deployment' },
    deployments: [],
  },
  {
    id: 'change-telemetry-agent-2024-04',
    receive: { source: UPSTREAM, release: 'Telemetry agent 5.2', description: 'New monitoring agent version', receivedAt: '2024-04-03T08:00:00Z' },
    review: { decision: 'rejected', risk: 'medium', reviewedAt: '2024-04-05T16:00:00Z', notes: 'Sends diagnostics outside the European Union by default' },
    deployments: [],
  },
] as const;

/** Demo documents stored as evidence; their text says they are demo data. */
export const DOCUMENTS = {
  policy: {
    name: 'information-security-policy-v1.txt',
    effectiveOn: '2022-12-01',
    validUntil: '2025-12-01',
    description: 'Information security policy of the trusted cloud service',
    text: `${DEMO_NOTE}. Information security policy of the trusted cloud service, version 1, approved on 1 December 2022.`,
  },
  logging: {
    name: 'hypervisor-logging-check-2023-06.txt',
    effectiveOn: '2023-06-20',
    description: 'Automated check: hypervisor administrative actions logged with their source address',
    text: `${DEMO_NOTE}. Result of the automated logging check of 20 June 2023: every administrative action carries its source address.`,
  },
  passiReport: {
    name: 'passi-audit-report-2023.txt',
    effectiveOn: '2023-05-26',
    description: 'PASSI audit report, May 2023',
    text: `${DEMO_NOTE}. PASSI audit report of 26 May 2023: one major and one minor finding.`,
  },
  postmortem: {
    name: 'postmortem-support-export-2024-03.txt',
    effectiveOn: '2024-03-20',
    description: 'Post-mortem of the misrouted support export',
    text: `${DEMO_NOTE}. Post-mortem of 20 March 2024: cause, timeline, notifications and corrective actions.`,
  },
} as const;

export type DocumentName = keyof typeof DOCUMENTS;
