import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { requirementsOf, type Framework } from '../src/controls/catalog';
import type { NewEvent } from '../src/event-store/event-store';
import { SqliteEventStore } from '../src/event-store/sqlite/sqlite-event-store';
import { FixedClock } from '../src/shared/clock';
import secnumcloud from '../frameworks/secnumcloud-3.2.json';

/**
 * A realistic large ledger, written through the event store's own append (so
 * the hash chain is the real one), deterministic for a seed: certifications
 * of several services with their statements of applicability, a steady flow
 * of control checks citing evidence, audits with findings, incidents with
 * their notifications, upstream changes and partnership milestones. Appends
 * are issued in bursts so that the group commit writes them in large batches.
 */
const framework = secnumcloud as Framework;
const REFS = requirementsOf(framework).map((r) => r.ref);
const START = Date.UTC(2020, 0, 6, 8);
/** Simulated ledger time between two events: a million events span about five years. */
const STEP_MS = 150_000;
const BURST = 2_000;

type Planned = { stream: string; event: Omit<NewEvent, 'id' | 'actor' | 'correlationId'> };

/** Small and fast; the same seed gives the same sequence. */
export function randomFrom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GenerateOptions {
  events: number;
  seed?: number;
}

export interface Generated {
  events: number;
  certifications: string[];
  seconds: number;
}

/** Appends about `events` events (a story is never cut in half, so a few more) to the store. */
export async function generateLog(store: SqliteEventStore, clock: FixedClock, options: GenerateOptions): Promise<Generated> {
  const started = performance.now();
  const random = randomFrom(options.seed ?? 1);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const certifications = Array.from({ length: Math.max(2, Math.round(options.events / 40_000)) }, (_, i) => `svc-${String(i + 1).padStart(3, '0')}`);
  const revisions = new Map<string, number>();
  const evidence: string[] = [];
  const counters = { event: 0, check: 0, audit: 0, finding: 0, incident: 0, change: 0, milestone: 0 };
  let written = 0;
  const day = (offsetDays = 0) => new Date(clock.now().getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10);
  const instant = (offsetMs = 0) => new Date(clock.now().getTime() + offsetMs).toISOString();

  const stories: [number, () => Planned[]][] = [
    [60, () => {
      const certificationId = pick(certifications);
      const ref = pick(REFS);
      const cited = evidence.length > 0 ? [evidence[evidence.length - 1 - Math.floor(random() * Math.min(evidence.length, 500))]] : [];
      return [{ stream: `control-${certificationId}:${ref}`, event: { type: 'ControlCheckRecorded', data: {
        certificationId, framework: framework.id, ref, checkId: `chk-${(counters.check += 1)}`, result: pick(['passed', 'passed', 'passed', 'partial', 'failed']),
        method: pick(['automated', 'automated', 'manual', 'interview', 'document_review']), performedAt: instant(-3_600_000), evidence: cited,
        notes: random() < 0.3 ? 'Contrôle trimestriel du périmètre, écarts consignés.' : null } } }];
    }],
    [12, () => {
      const sha256 = createHash('sha256').update(`evidence-${evidence.length}-${options.seed ?? 1}`).digest('hex');
      evidence.push(sha256);
      return [{ stream: `evidence-${sha256}`, event: { type: 'EvidenceStored', data: {
        sha256, size: 2_048 + Math.floor(random() * 500_000), mediaType: pick(['application/pdf', 'application/json', 'image/png']),
        name: `preuve-${evidence.length}.pdf`, effectiveOn: day(-1), validUntil: random() < 0.3 ? day(365) : null, description: null } } }];
    }],
    [8, () => {
      const auditId = `AUD-${(counters.audit += 1)}`;
      const certificationId = pick(certifications);
      const stream = `audit-${auditId}`;
      const findings = Array.from({ length: 1 + Math.floor(random() * 6) }, () => `F-${(counters.finding += 1)}`);
      const raised: Planned[] = findings.map((findingId) => ({ stream, event: { type: 'FindingRaised', data: {
        auditId, certificationId, findingId, severity: pick(['major', 'minor', 'minor', 'observation']), requirement: pick(REFS),
        title: 'Écart constaté sur la gestion des accès', dueOn: day(90), raisedOn: day() } } }));
      const closed = findings.filter(() => random() < 0.6);
      return [
        { stream, event: { type: 'AuditPlanned', data: { auditId, certificationId, kind: pick(['internal', 'passi', 'surveillance']), auditor: 'org-passi-1', plannedStart: day(), plannedEnd: day(5), plannedOn: day() } } },
        { stream, event: { type: 'AuditStarted', data: { auditId, on: day() } } },
        ...raised,
        ...closed.flatMap((findingId): Planned[] => [
          { stream, event: { type: 'FindingRemediated', data: { auditId, findingId, action: 'Correction déployée', evidence: evidence.slice(-1) } } },
          { stream, event: { type: 'FindingClosed', data: { auditId, findingId, resolution: 'remediated', justification: 'Vérifié par l’auditeur', closedOn: day() } } },
        ]),
        { stream, event: { type: 'AuditCompleted', data: { auditId, verdict: pick(['pass', 'conditional']), on: day(), report: evidence.at(-1) ?? null, openFindings: findings.filter((f) => !closed.includes(f)) } } },
      ];
    }],
    [8, () => {
      const incidentId = `INC-${(counters.incident += 1)}`;
      const stream = `incident-${incidentId}`;
      const personalData = random() < 0.3;
      const events: Planned[] = [
        { stream, event: { type: 'IncidentDetected', data: { incidentId, certificationId: pick([...certifications, null]), title: 'Indisponibilité partielle du stockage', severity: pick(['low', 'medium', 'high', 'critical']), detectedAt: instant(-7_200_000), personalData, significant: random() < 0.4 } } },
        { stream, event: { type: 'NotificationSent', data: { incidentId, recipient: 'customers', kind: 'information', sentAt: instant(-3_600_000), reference: null } } },
      ];
      if (personalData) events.push({ stream, event: { type: 'NotificationSent', data: { incidentId, recipient: 'CNIL', kind: 'notification', sentAt: instant(-1_800_000), reference: 'CNIL-NOTIF' } } });
      events.push(
        { stream, event: { type: 'IncidentContained', data: { incidentId, at: instant(-600_000) } } },
        { stream, event: { type: 'IncidentResolved', data: { incidentId, at: instant(-60_000), summary: 'Cause identifiée et corrigée' } } },
      );
      if (evidence.length > 0) events.push({ stream, event: { type: 'PostmortemAttached', data: { incidentId, evidence: evidence[evidence.length - 1] } } });
      return events;
    }],
    [10, () => {
      const changeId = `CHG-${(counters.change += 1)}`;
      const stream = `change-${changeId}`;
      return [
        { stream, event: { type: 'UpstreamChangeReceived', data: { changeId, source: 'vendor-advisories', release: `2.${counters.change}.0`, description: 'Mise à jour de sécurité', receivedAt: instant(-7_200_000) } } },
        { stream, event: { type: 'ChangeReviewed', data: { changeId, decision: 'approved', risk: pick(['low', 'medium', 'high']), reviewedAt: instant(-3_600_000), notes: null, retrospective: false } } },
        { stream, event: { type: 'ChangeDeployed', data: { changeId, environment: 'production', deployedAt: instant(-60_000), emergency: false, exception: false, justification: null } } },
      ];
    }],
    [2, () => {
      const milestoneId = `MS-${(counters.milestone += 1)}`;
      const stream = `milestone-${milestoneId}`;
      return [
        { stream, event: { type: 'MilestoneRecorded', data: { milestoneId, title: 'Jalon opérationnel', kind: pick(['operational', 'corporate', 'regulatory']), plannedFor: day(30), occurredOn: null, source: null } } },
        ...(random() < 0.5 ? [{ stream, event: { type: 'MilestoneSlipped', data: { milestoneId, previouslyPlannedFor: day(30), plannedFor: day(60), reason: 'Dépendance fournisseur', on: day() } } }] : []),
      ];
    }],
  ];
  const totalWeight = stories.reduce((sum, [weight]) => sum + weight, 0);
  const nextStory = () => {
    let roll = random() * totalWeight;
    for (const [weight, story] of stories) if ((roll -= weight) < 0) return story();
    return stories[0][1]();
  };

  const append = (planned: Planned[]) =>
    Promise.all(planned.map(({ stream, event }) => {
      const expected = revisions.get(stream) ?? -1;
      revisions.set(stream, expected + 1);
      counters.event += 1;
      return store.append(stream, [{ ...event, id: `gen-${options.seed ?? 1}-${counters.event}`, actor: 'generator', correlationId: `gen-${counters.event}` }], expected < 0 ? 'no_stream' : expected);
    }));

  // Each certification's application, steps and statements of applicability come first.
  for (const certificationId of certifications) {
    const stream = `certification-${certificationId}`;
    await append([
      { stream, event: { type: 'CertificationApplicationFiled', data: { certificationId, label: `Service ${certificationId}`, framework: framework.id, service: certificationId, evaluator: 'org-cesti-1', filedOn: day() } } },
      ...(['J0', 'J1'] as const).map((step) => ({ stream, event: { type: 'CertificationStepRecorded', data: { certificationId, step, on: day(), note: null } } })),
    ]);
    await append(REFS.map((ref) => ({ stream: `control-${certificationId}:${ref}`, event: { type: 'ApplicabilityStated', data: {
      certificationId, framework: framework.id, ref, applicable: random() < 0.9, justification: 'Dans le périmètre du service qualifié', on: day() } } })));
    clock.advance(STEP_MS);
  }
  while (counters.event < options.events) {
    const burst: Planned[] = [];
    while (burst.length < BURST && counters.event + burst.length < options.events) {
      burst.push(...nextStory());
      clock.advance(STEP_MS);
    }
    await append(burst);
    written = counters.event;
  }
  return { events: written || counters.event, certifications, seconds: (performance.now() - started) / 1000 };
}

/** Opens (or creates) an events file and fills it: `npm run generate -- <file> [events] [seed]`. */
export async function generateFile(file: string, events: number, seed = 1): Promise<Generated> {
  const clock = new FixedClock(new Date(START));
  const store = SqliteEventStore.open(file, clock);
  try {
    return await generateLog(store, clock, { events, seed });
  } finally {
    await store.close();
  }
}

if (require.main === module) {
  const [file = 'data/events.db', events = '100000', seed = '1'] = process.argv.slice(2);
  generateFile(resolve(file), Number(events), Number(seed)).then((g) =>
    console.log(`${g.events.toLocaleString('en')} events for ${g.certifications.length} certifications in ${g.seconds.toFixed(1)} s → ${resolve(file)}`),
  );
}
