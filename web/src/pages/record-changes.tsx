import { useState } from 'preact/hooks';
import { answer, api, PAGE_SIZE, readAll, type Schema } from '../api/client';
import { bodyOf, CommandForm, recently } from '../components/command-form';
import { Loading, ProblemView } from '../components/problem';
import { useFresh } from '../components/use-fresh';
import { useRevision } from '../components/use-revision';
import { useI18n } from '../i18n';

const DECISIONS: Schema<'ReviewChangeDto'>['decision'][] = ['approved', 'rejected'];
const RISKS: Schema<'ReviewChangeDto'>['risk'][] = ['low', 'medium', 'high'];

/** Review an upstream change (decision, risk, notes), then record its deployment. */
export function RecordChangesPage() {
  const { t } = useI18n();
  const { loaded, round, recorded, refresh } = useFresh(
    (minPosition) => readAll((after) => answer(api.GET('/changes', { params: { query: { limit: PAGE_SIZE, after, minPosition } } }))),
    'record-changes',
  );
  const [changeId, setChangeId] = useState('');
  const [revision, setRevision] = useRevision(changeId ? `change-${changeId}` : null, round);
  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'failed') return <ProblemView problem={loaded.problem} />;
  const change = loaded.value.find((c) => c.changeId === changeId);
  return (
    <section class="command-target" aria-labelledby="change-target-title">
      <h2 id="change-target-title">{t('aChange')}</h2>
      <label for="change-target">{t('chooseChange')}</label>
      <select id="change-target" value={changeId} onChange={(e) => setChangeId(e.currentTarget.value)}>
        <option value="">—</option>
        {loaded.value.map((c) => (
          <option key={c.changeId} value={c.changeId}>
            {`${c.source} ${c.release} (${c.status})`}
          </option>
        ))}
      </select>
      {change && (
        <p data-testid="change-status">
          {t('changeStatusIs', { status: change.status, decision: change.decision ?? '—', risk: change.risk ?? '—', deployments: change.deployments.length })}
        </p>
      )}
      {change && revision !== null && (
        <div class="forms" key={changeId}>
          <CommandForm
            name="review-change"
            title="reviewChange"
            submit="submitReview"
            revision={revision}
            fields={[
              { name: 'decision', label: 'decision', kind: 'select', options: DECISIONS },
              { name: 'risk', label: 'risk', kind: 'select', options: RISKS },
              { name: 'reviewedAt', label: 'reviewedAt', kind: 'instant', help: 'instantHelp' },
              { name: 'notes', label: 'notes', kind: 'textarea', optional: true },
            ]}
            initial={{ decision: 'approved', risk: 'low', reviewedAt: recently(), notes: '' }}
            send={(values, headers) => api.POST('/changes/{id}/review', { params: { path: { id: changeId } }, body: bodyOf<Schema<'ReviewChangeDto'>>(values), headers })}
            onRecorded={(answer) => (setRevision(answer.revision), recorded(answer))}
            onReload={refresh}
          />
          <CommandForm
            name="deploy-change"
            title="deployChange"
            submit="submitDeployment"
            revision={revision}
            fields={[
              { name: 'environment', label: 'environment', kind: 'text' },
              { name: 'deployedAt', label: 'deployedAt', kind: 'instant', help: 'instantHelp' },
            ]}
            initial={{ environment: 'production', deployedAt: recently() }}
            send={(values, headers) => api.POST('/changes/{id}/deploy', { params: { path: { id: changeId } }, body: bodyOf<Schema<'DeployChangeDto'>>(values), headers })}
            onRecorded={(answer) => (setRevision(answer.revision), recorded(answer))}
            onReload={refresh}
          />
        </div>
      )}
    </section>
  );
}
