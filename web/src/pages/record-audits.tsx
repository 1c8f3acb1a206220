import { useState } from 'preact/hooks';
import { answer, api, PAGE_SIZE, readAll, type Schema } from '../api/client';
import { bodyOf, CommandForm, today } from '../components/command-form';
import { Loading, ProblemView } from '../components/problem';
import { useFresh } from '../components/use-fresh';
import { useRevision } from '../components/use-revision';
import { useI18n } from '../i18n';

const KINDS: Schema<'PlanAuditDto'>['kind'][] = ['internal', 'passi', 'evaluation', 'surveillance'];
const VERDICTS: Schema<'CompleteAuditDto'>['verdict'][] = ['pass', 'conditional', 'fail'];

export const auditLabel = (a: Schema<'Audit'>) => `${a.kind} — ${a.auditor} — ${a.plannedStart} → ${a.plannedEnd} (${a.status})`;

/** Plan an audit, then start and complete one: each on the audit's stream, at the revision it was chosen at. */
export function RecordAuditsPage() {
  const { t } = useI18n();
  const { loaded, round, recorded, refresh } = useFresh(
    async (minPosition) => ({
      certifications: await readAll((after) => answer(api.GET('/certifications', { params: { query: { limit: PAGE_SIZE, after, minPosition } } }))),
      audits: await readAll((after) => answer(api.GET('/audits', { params: { query: { limit: PAGE_SIZE, after, minPosition } } }))),
    }),
    'record-audits',
  );
  const [auditId, setAuditId] = useState('');
  const [revision, setRevision] = useRevision(auditId ? `audit-${auditId}` : null, round);
  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'failed') return <ProblemView problem={loaded.problem} />;
  const { certifications, audits } = loaded.value;
  const audit = audits.find((a) => a.auditId === auditId);
  return (
    <div class="forms">
      <CommandForm
        name="plan-audit"
        title="planAudit"
        submit="submitPlanAudit"
        revision={-1}
        fields={[
          { name: 'certificationId', label: 'certification', kind: 'select', options: certifications.map((c) => c.id) },
          { name: 'kind', label: 'kind', kind: 'select', options: KINDS },
          { name: 'auditor', label: 'auditor', kind: 'text', help: 'auditorHelp' },
          { name: 'plannedStart', label: 'plannedStart', kind: 'date' },
          { name: 'plannedEnd', label: 'plannedEnd', kind: 'date' },
        ]}
        initial={{ certificationId: certifications[0]?.id ?? '', kind: 'internal', auditor: '', plannedStart: '', plannedEnd: '' }}
        send={(values, headers) => api.POST('/audits', { body: bodyOf<Schema<'PlanAuditDto'>>(values), headers })}
        onRecorded={recorded}
        onReload={refresh}
      />
      <section class="command-target" aria-labelledby="audit-target-title">
        <h2 id="audit-target-title">{t('anAudit')}</h2>
        <label for="audit-target">{t('chooseAudit')}</label>
        <select id="audit-target" value={auditId} onChange={(e) => setAuditId(e.currentTarget.value)}>
          <option value="">—</option>
          {audits.map((a) => (
            <option key={a.auditId} value={a.auditId}>
              {auditLabel(a)}
            </option>
          ))}
        </select>
        {audit && <p data-testid="audit-status">{t('auditStatusIs', { status: audit.status, verdict: audit.verdict ?? '—' })}</p>}
        {audit && revision !== null && (
          <div key={auditId}>
            <CommandForm
              name="start-audit"
              title="startAudit"
              submit="submitStartAudit"
              revision={revision}
              fields={[{ name: 'on', label: 'startedOn', kind: 'date' }]}
              initial={{ on: today() }}
              send={(values, headers) => api.POST('/audits/{id}/start', { params: { path: { id: auditId } }, body: bodyOf<Schema<'StartAuditDto'>>(values), headers })}
              onRecorded={(answer) => (setRevision(answer.revision), recorded(answer))}
              onReload={refresh}
            />
            <CommandForm
              name="complete-audit"
              title="completeAudit"
              submit="submitCompleteAudit"
              revision={revision}
              fields={[
                { name: 'verdict', label: 'verdict', kind: 'select', options: VERDICTS },
                { name: 'on', label: 'completedOn', kind: 'date' },
                { name: 'report', label: 'report', kind: 'textarea', optional: true },
              ]}
              initial={{ verdict: 'pass', on: today(), report: '' }}
              send={(values, headers) => api.POST('/audits/{id}/complete', { params: { path: { id: auditId } }, body: bodyOf<Schema<'CompleteAuditDto'>>(values), headers })}
              onRecorded={(answer) => (setRevision(answer.revision), recorded(answer))}
              onReload={refresh}
            />
          </div>
        )}
      </section>
    </div>
  );
}
