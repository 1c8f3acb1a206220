import { useState } from 'preact/hooks';
import { answer, api, PAGE_SIZE, readAll, type Schema } from '../api/client';
import { bodyOf, CommandForm, today } from '../components/command-form';
import { Loading, ProblemView } from '../components/problem';
import { useFresh } from '../components/use-fresh';
import { useRevision } from '../components/use-revision';
import { useI18n } from '../i18n';
import { auditLabel } from './record-audits';

const SEVERITIES: Schema<'RaiseFindingDto'>['severity'][] = ['major', 'minor', 'observation'];
const RESOLUTIONS: Schema<'CloseFindingDto'>['resolution'][] = ['remediated', 'risk_accepted'];

/** Raise a finding on an audit, then remediate and close one; findings live on their audit's stream. */
export function RecordFindingsPage() {
  const { t } = useI18n();
  const { loaded, round, recorded, refresh } = useFresh(
    async (minPosition) => ({
      audits: await readAll((after) => answer(api.GET('/audits', { params: { query: { limit: PAGE_SIZE, after, minPosition } } }))),
      findings: await readAll((after) => answer(api.GET('/findings', { params: { query: { limit: PAGE_SIZE, after, minPosition } } }))),
    }),
    'record-findings',
  );
  const [auditId, setAuditId] = useState('');
  const [findingId, setFindingId] = useState('');
  const finding = loaded.state === 'ready' ? loaded.value.findings.find((f) => f.findingId === findingId) : undefined;
  const [auditRevision, setAuditRevision] = useRevision(auditId ? `audit-${auditId}` : null, round);
  const [findingRevision, setFindingRevision] = useRevision(finding ? `audit-${finding.auditId}` : null, round);
  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'failed') return <ProblemView problem={loaded.problem} />;
  const { audits, findings } = loaded.value;
  const path = finding ? { id: finding.auditId, findingId: finding.findingId } : null;
  return (
    <div class="forms">
      <section class="command-target" aria-labelledby="raise-target-title">
        <h2 id="raise-target-title">{t('raiseFinding')}</h2>
        <label for="raise-audit">{t('chooseAudit')}</label>
        <select id="raise-audit" value={auditId} onChange={(e) => setAuditId(e.currentTarget.value)}>
          <option value="">—</option>
          {audits.map((a) => (
            <option key={a.auditId} value={a.auditId}>
              {auditLabel(a)}
            </option>
          ))}
        </select>
        {auditId && auditRevision !== null && (
          <CommandForm
            key={auditId}
            name="raise-finding"
            title="findingOnAudit"
            submit="submitRaiseFinding"
            revision={auditRevision}
            fields={[
              { name: 'severity', label: 'severity', kind: 'select', options: SEVERITIES },
              { name: 'requirement', label: 'requirementRef', kind: 'text', help: 'requirementHelp' },
              { name: 'title', label: 'title', kind: 'text' },
              { name: 'dueOn', label: 'dueOn', kind: 'date' },
            ]}
            initial={{ severity: 'minor', requirement: '', title: '', dueOn: '' }}
            send={(values, headers) => api.POST('/audits/{id}/findings', { params: { path: { id: auditId } }, body: bodyOf<Schema<'RaiseFindingDto'>>(values), headers })}
            onRecorded={(answer) => (setAuditRevision(answer.revision), recorded(answer))}
            onReload={refresh}
          />
        )}
      </section>
      <section class="command-target" aria-labelledby="finding-target-title">
        <h2 id="finding-target-title">{t('aFinding')}</h2>
        <label for="finding-target">{t('chooseFinding')}</label>
        <select id="finding-target" value={findingId} onChange={(e) => setFindingId(e.currentTarget.value)}>
          <option value="">—</option>
          {findings.map((f) => (
            <option key={f.findingId} value={f.findingId}>
              {`${f.title} — ${f.severity} (${f.status})`}
            </option>
          ))}
        </select>
        {finding && <p data-testid="finding-status">{t('findingStatusIs', { status: finding.status, remediations: finding.remediations.length })}</p>}
        {path && findingRevision !== null && (
          <div key={findingId}>
            <CommandForm
              name="remediate-finding"
              title="remediateFinding"
              submit="submitRemediation"
              revision={findingRevision}
              fields={[
                { name: 'action', label: 'action', kind: 'textarea' },
                { name: 'on', label: 'remediatedOn', kind: 'date' },
              ]}
              initial={{ action: '', on: today() }}
              send={(values, headers) => api.POST('/audits/{id}/findings/{findingId}/remediation', { params: { path }, body: bodyOf<Schema<'RecordRemediationDto'>>(values), headers })}
              onRecorded={(answer) => (setFindingRevision(answer.revision), recorded(answer))}
              onReload={refresh}
            />
            <CommandForm
              name="close-finding"
              title="closeFinding"
              submit="submitCloseFinding"
              revision={findingRevision}
              fields={[
                { name: 'resolution', label: 'resolution', kind: 'select', options: RESOLUTIONS },
                { name: 'justification', label: 'justification', kind: 'textarea' },
              ]}
              initial={{ resolution: 'remediated', justification: '' }}
              send={(values, headers) => api.POST('/audits/{id}/findings/{findingId}/close', { params: { path }, body: bodyOf<Schema<'CloseFindingDto'>>(values), headers })}
              onRecorded={(answer) => (setFindingRevision(answer.revision), recorded(answer))}
              onReload={refresh}
            />
          </div>
        )}
      </section>
    </div>
  );
}
