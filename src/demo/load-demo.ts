import { Readable } from 'node:stream';
import type { CommandBus } from '@nestjs/cqrs';
import { EvidenceStore } from '../evidence/evidence-store';
import { StoreEvidenceMessage } from '../evidence/evidence.handlers';
import { AuditCommandMessage } from '../audits/audits.handlers';
import type { AuditCommand } from '../audits/audits.decider';
import { CertificationCommandMessage } from '../certifications/certifications.handlers';
import type { CommandContext } from '../command-side/command-context';
import type { CommandResult } from '../command-side/command-runner';
import { ChangeCommandMessage } from '../changes/changes.handlers';
import type { ChangeCommand } from '../changes/changes.decider';
import { ControlCommandMessage } from '../controls/controls.handlers';
import { IncidentCommandMessage } from '../incidents/incidents.handlers';
import type { IncidentCommand } from '../incidents/incidents.decider';
import { MilestoneCommandMessage } from '../milestones/milestones.handlers';
import { RegisterPerson } from '../people/people.handlers';
import { SovereigntyCommandMessage } from '../sovereignty/sovereignty.handlers';
import type { SovereigntyCommand } from '../sovereignty/sovereignty.decider';
import * as plan from './demo-story';
import * as sovereignty from './demo-sovereignty';
import * as operations from './demo-operations';

const story = { ...plan, ...operations };
type DocumentName = operations.DocumentName;

const COMPLIANCE = 'claire.compliance';

/**
 * Loads the partnership story through the same command handlers as the HTTP
 * routes, so every rule applies and every event says who recorded it. Each
 * step is its own correlation, as it would be from a user.
 */
export class DemoLoader {
  private steps = 0;
  private readonly stored = new Map<DocumentName, string>();
  constructor(private readonly bus: CommandBus, private readonly files: EvidenceStore) {}

  private sha(document: DocumentName): string {
    return this.stored.get(document)!;
  }

  private send(message: (context: CommandContext) => object, actor = COMPLIANCE): Promise<CommandResult> {
    this.steps += 1;
    return this.bus.execute(message({ actor, correlationId: `demo-${String(this.steps).padStart(3, '0')}`, causationId: null, ifMatch: null }));
  }

  async load(): Promise<number> {
    for (const person of story.PEOPLE) await this.send((c) => new RegisterPerson({ ...person }, c, true), 'system:demo');
    for (const name of Object.keys(story.DOCUMENTS) as DocumentName[]) await this.document(name);
    await this.milestones();
    await this.certification();
    await this.controls();
    await this.audit(story.INTERNAL_AUDIT);
    await this.audit(story.PASSI_AUDIT);
    await this.incident();
    for (const change of story.CHANGES) await this.change(change);
    await this.sovereignty();
    return this.steps;
  }

  /** Stores a demo document as an upload would: bytes on disk first, then the fact in the log. */
  private async document(name: DocumentName): Promise<void> {
    const { text, name: fileName, ...fields } = story.DOCUMENTS[name];
    const incoming = await this.files.receive(Readable.from([Buffer.from(text, 'utf8')]));
    await incoming.commit();
    const upload = { sha256: incoming.sha256, size: incoming.size, mediaType: 'text/plain', name: fileName, fields };
    await this.send((c) => new StoreEvidenceMessage(upload, c));
    this.stored.set(name, incoming.sha256);
  }

  private async milestones(): Promise<void> {
    const record = (id: string, m: { title: string; kind: string; plannedFor?: string; occurredOn?: string; source: string }) =>
      this.send((c) => new MilestoneCommandMessage(id, { kind: 'RecordMilestone', milestoneId: id, milestoneKind: m.kind as never, title: m.title, plannedFor: m.plannedFor, occurredOn: m.occurredOn, source: m.source }, c));
    await record('strategy-2021', story.MILESTONES[0]);
    await record('partnership-2021', story.MILESTONES[1]);
    const { occurredOn, ...planned } = story.JOINT_COMPANY;
    await record('joint-company', planned);
    await this.send((c) => new MilestoneCommandMessage('joint-company', { kind: 'AchieveMilestone', occurredOn }, c));
    await record('operations', story.OPERATIONS);
  }

  private async certification(): Promise<void> {
    const id = story.DEMO_CERTIFICATION;
    await this.send((c) => new CertificationCommandMessage(id, { kind: 'FileApplication', certificationId: id, ...story.CERTIFICATION }, c));
    for (const { step, on, note } of story.STEPS) await this.send((c) => new CertificationCommandMessage(id, { kind: 'RecordStep', step, on, note }, c));
  }

  private async controls(): Promise<void> {
    const certificationId = story.DEMO_CERTIFICATION;
    for (const { ref, justification } of story.NOT_APPLICABLE) {
      // Scoped when the application was filed: the statement holds from then, though recorded today.
      const on = story.CERTIFICATION.filedOn;
      await this.send((c) => new ControlCommandMessage({ kind: 'StateApplicability', certificationId, ref, applicable: false, justification, on }, c));
    }
    for (const [index, [ref, result, method, performedAt, notes]] of story.CHECKS.entries()) {
      const checkId = `check-${String(index + 1).padStart(3, '0')}`;
      const evidence = ref === '5.2.a' ? [this.sha('policy')] : ref === '12.6.c' && result === 'passed' ? [this.sha('logging')] : undefined;
      await this.send((c) => new ControlCommandMessage({ kind: 'RecordCheck', certificationId, ref, checkId, result, method, performedAt, notes, evidence }, c));
    }
  }

  private async audit(audit: typeof story.INTERNAL_AUDIT | typeof story.PASSI_AUDIT): Promise<void> {
    const auditor = audit.plan.auditor;
    const send = (command: AuditCommand, actor: string = COMPLIANCE) => this.send((c) => new AuditCommandMessage(audit.id, command, c), actor);
    const { kind: auditKind, ...plan } = audit.plan;
    await send({ kind: 'PlanAudit', auditId: audit.id, certificationId: story.DEMO_CERTIFICATION, auditKind, ...plan });
    await send({ kind: 'StartAudit', on: audit.startedOn }, auditor);
    for (const f of audit.findings) {
      await send({ kind: 'RaiseFinding', findingId: f.id, severity: f.severity, requirement: f.requirement, title: f.title, dueOn: f.dueOn, raisedOn: f.raisedOn }, auditor);
    }
    // Findings are followed up after the audit, as they are in practice: the audit completes first.
    const report = audit.plan.kind === 'passi' ? this.sha('passiReport') : undefined;
    await send({ kind: 'CompleteAudit', ...audit.completed, report }, auditor);
    for (const f of audit.findings) {
      if ('remediation' in f) {
        const evidence = f.requirement === '12.6.c' ? [this.sha('logging')] : undefined;
        await send({ kind: 'RecordRemediation', findingId: f.id, action: f.remediation, on: f.closedOn, evidence });
        await send({ kind: 'CloseFinding', findingId: f.id, resolution: 'remediated', justification: 'Correction verified by the auditor', closedOn: f.closedOn }, auditor);
      } else {
        await send({ kind: 'CloseFinding', findingId: f.id, resolution: 'risk_accepted', justification: f.acceptance, closedOn: f.closedOn });
      }
    }
  }

  private async incident(): Promise<void> {
    const { id, detect, containedAt, notifications, resolved } = story.INCIDENT;
    const send = (command: IncidentCommand) => this.send((c) => new IncidentCommandMessage(id, command, c));
    await send({ kind: 'DetectIncident', incidentId: id, certificationId: story.DEMO_CERTIFICATION, ...detect });
    await send({ kind: 'ContainIncident', at: containedAt });
    for (const { kind, ...notification } of notifications) await send({ kind: 'SendNotification', notificationKind: kind, ...notification });
    await send({ kind: 'ResolveIncident', ...resolved });
    await send({ kind: 'AttachPostmortem', evidence: this.sha('postmortem') });
  }

  private async change(change: (typeof story.CHANGES)[number]): Promise<void> {
    const send = (command: ChangeCommand) => this.send((c) => new ChangeCommandMessage(change.id, command, c));
    await send({ kind: 'ReceiveChange', changeId: change.id, ...change.receive });
    if ('emergency' in change) {
      const { justification, ...deployment } = change.emergency;
      await send({ kind: 'DeployChange', ...deployment, emergency: { justification } });
    }
    await send({ kind: 'ReviewChange', ...change.review });
    for (const deployment of change.deployments) await send({ kind: 'DeployChange', ...deployment });
  }

  /** The ownership structure, control rights, access paths and locations, last so that the earlier steps keep their positions. */
  private async sovereignty(): Promise<void> {
    const send = (id: string, command: SovereigntyCommand) => this.send((c) => new SovereigntyCommandMessage(id, command, c));
    for (const e of sovereignty.ENTITIES) await send(e.entityId, { kind: 'RegisterEntity', ...e });
    for (const { percent, ...h } of sovereignty.HOLDINGS) await send(`${h.holder}/${h.of}`, { kind: 'RecordHolding', ...h, capitalPercent: percent, votingPercent: percent });
    for (const [i, { kind, ...r }] of sovereignty.CONTROL_RIGHTS.entries()) {
      const id = `control-right-${i + 1}`;
      await send(id, { kind: 'GrantControlRight', controlRightId: id, rightKind: kind, ...r });
    }
    for (const [i, { kind, ...l }] of sovereignty.LOCATIONS.entries()) {
      const id = `location-${i + 1}`;
      await send(id, { kind: 'RecordLocation', locationId: id, locationKind: kind, ...l });
    }
    for (const [i, a] of sovereignty.ACCESS_PATHS.entries()) {
      const id = `access-${i + 1}`;
      await send(id, { kind: 'RecordAccessPath', accessId: id, ...a, blockingMeasures: [...a.blockingMeasures] });
    }
  }
}
