/**
 * The partnership story the demo loads. Public facts (the national strategy,
 * the partnership's announcement, the joint company) carry their real dates
 * and sources; everything about the qualification itself (steps, checks,
 * audits, findings, the incident, change reviews) is illustrative demo data,
 * and says so in its notes.
 */
export const DEMO_NOTE = 'Illustrative demo data';

export const PEOPLE = [
  { subject: 'claire.compliance', displayName: 'Claire Dubois', email: 'claire.dubois@example.fr', organisation: 'Joint company (demo)' },
  { subject: 'paul.passi', displayName: 'Paul Lefèvre', email: 'paul.lefevre@example.fr', organisation: 'PASSI auditor (demo)' },
  { subject: 'ines.internal', displayName: 'Inès Moreau', email: 'ines.moreau@example.fr', organisation: 'Internal audit (demo)' },
];

export const MILESTONES = [
  {
    title: 'National cloud strategy announced, creating the "cloud de confiance" label',
    kind: 'regulatory',
    occurredOn: '2021-05-17',
    source: 'French government announcement of 17 May 2021',
  },
  {
    title: 'Thales and Google Cloud announce a partnership for a trusted cloud offer in France',
    kind: 'announcement',
    occurredOn: '2021-10-06',
    source: 'Joint announcement of 6 October 2021',
  },
] as const;

/** Planned for the first half of 2022, created on 30 June 2022. */
export const JOINT_COMPANY = {
  title: 'Joint company created',
  kind: 'corporate',
  plannedFor: '2022-06-30',
  source: 'Partnership announcement of 6 October 2021 (planned for the first half of 2022)',
  occurredOn: '2022-06-30',
} as const;

export const OPERATIONS = {
  title: 'Start of commercial operations of the trusted cloud offer',
  kind: 'operational',
  plannedFor: '2023-03-31',
  source: 'Announced for early 2023',
} as const;

export const CERTIFICATION = {
  label: 'SecNumCloud',
  framework: 'secnumcloud-3.2',
  service: 'Trusted cloud platform (demo)',
  evaluator: 'Evaluation centre (demo)',
  filedOn: '2022-09-01',
};

export const STEPS = [
  { step: 'J0', on: '2022-09-15', note: `${DEMO_NOTE}: application accepted by ANSSI` },
  { step: 'J1', on: '2022-11-02', note: `${DEMO_NOTE}: evaluation plan agreed` },
  { step: 'J2', on: '2023-04-12', note: `${DEMO_NOTE}: on-site evaluation` },
  { step: 'J3', on: '2023-09-20', note: `${DEMO_NOTE}: evaluation report and decision` },
] as const;

/** Demo ids are readable and fixed, so the README's example queries give the same answers on any machine. */
export const DEMO_CERTIFICATION = 'scn-demo';

export const NOT_APPLICABLE = [
  { ref: '19.2.e', justification: `${DEMO_NOTE}: all support is delivered from within the European Union by the joint company's own staff` },
  { ref: '10.4.a', justification: `${DEMO_NOTE}: the service offers no operation that requires non-repudiation` },
] as const;

type Result = 'passed' | 'partial' | 'failed';
type Method = 'automated' | 'manual' | 'interview' | 'document_review';

/** Control checks across chapters 5 to 19: [ref, result, method, performedAt, notes]. */
export const CHECKS: readonly [string, Result, Method, string, string?][] = [
  ['5.1.a', 'passed', 'document_review', '2023-01-10T09:00:00Z'],
  ['5.2.a', 'passed', 'document_review', '2023-01-10T10:00:00Z'],
  ['6.1.a', 'passed', 'interview', '2023-01-12T14:00:00Z'],
  ['7.2.a', 'passed', 'document_review', '2023-01-16T09:30:00Z'],
  ['7.3.a', 'partial', 'interview', '2023-01-16T11:00:00Z', 'Awareness sessions held for operations staff only; support staff scheduled for Q2'],
  ['8.1.a', 'passed', 'automated', '2023-02-01T06:00:00Z'],
  ['9.2.a', 'passed', 'manual', '2023-02-03T10:00:00Z'],
  ['9.5.a', 'passed', 'document_review', '2023-02-03T11:00:00Z'],
  ['9.6.a', 'passed', 'manual', '2023-02-06T15:00:00Z'],
  ['10.1.a', 'passed', 'automated', '2023-02-08T06:00:00Z'],
  ['10.2.a', 'passed', 'automated', '2023-02-08T06:05:00Z'],
  ['11.2.1.a', 'passed', 'manual', '2023-02-14T08:30:00Z'],
  ['12.2.a', 'passed', 'document_review', '2023-03-01T09:00:00Z'],
  ['12.6.a', 'passed', 'document_review', '2023-03-02T09:00:00Z'],
  ['12.6.c', 'failed', 'automated', '2023-03-02T10:00:00Z', 'Hypervisor logs lack the source address of administrative actions'],
  ['12.6.c', 'passed', 'automated', '2023-06-20T10:00:00Z'],
  ['12.9.a', 'partial', 'manual', '2023-03-06T13:00:00Z', 'Correlation rules cover the control plane but not yet the storage layer'],
  ['13.1.a', 'passed', 'document_review', '2023-03-08T09:00:00Z'],
  ['14.2.c', 'passed', 'document_review', '2023-03-09T09:00:00Z'],
  ['15.2.a', 'passed', 'document_review', '2023-03-10T09:00:00Z'],
  ['16.1.a', 'passed', 'document_review', '2023-03-13T09:00:00Z'],
  ['16.2.a', 'passed', 'interview', '2023-03-13T11:00:00Z'],
  ['17.1.a', 'passed', 'document_review', '2023-03-15T09:00:00Z'],
  ['18.1.a', 'passed', 'document_review', '2023-03-16T09:00:00Z'],
  ['19.1.a', 'passed', 'document_review', '2023-03-20T09:00:00Z'],
  ['19.2.a', 'passed', 'document_review', '2023-03-20T10:00:00Z'],
  ['19.3.a', 'passed', 'document_review', '2023-03-20T11:00:00Z'],
  ['19.6.a', 'passed', 'document_review', '2023-03-21T09:00:00Z'],
];

export const INTERNAL_AUDIT = {
  id: 'audit-internal-2023',
  plan: { kind: 'internal', auditor: 'ines.internal', plannedStart: '2023-02-20', plannedEnd: '2023-02-24' },
  startedOn: '2023-02-20',
  findings: [
    {
      id: 'finding-awareness',
      severity: 'minor',
      requirement: '7.3.a',
      title: 'Support staff have not yet followed the security awareness programme',
      raisedOn: '2023-02-22',
      dueOn: '2023-06-30',
      remediation: 'Awareness sessions held for all support staff in May 2023',
      closedOn: '2023-05-31',
    },
  ],
  completed: { verdict: 'pass', on: '2023-02-24' },
} as const;

export const PASSI_AUDIT = {
  id: 'audit-passi-2023',
  plan: { kind: 'passi', auditor: 'paul.passi', plannedStart: '2023-05-15', plannedEnd: '2023-05-26' },
  startedOn: '2023-05-15',
  findings: [
    {
      id: 'finding-log-source',
      severity: 'major',
      requirement: '12.6.c',
      title: 'Administrative actions on hypervisors are logged without their source address',
      raisedOn: '2023-05-17',
      dueOn: '2023-07-31',
      remediation: 'Hypervisor audit logging extended with source addresses; verified by an automated check on 20 June 2023',
      closedOn: '2023-06-21',
    },
    {
      id: 'finding-storage-correlation',
      severity: 'minor',
      requirement: '12.9.a',
      title: 'Storage layer events are not yet correlated by the detection service',
      raisedOn: '2023-05-19',
      dueOn: '2023-12-31',
      acceptance: 'Risk accepted by the security committee until the storage detection rules ship; compensating weekly manual review',
      closedOn: '2023-06-15',
    },
  ],
  completed: { verdict: 'conditional', on: '2023-05-26' },
} as const;
