import { answer, api, PAGE_SIZE, readAll, type Schema } from '../api/client';
import { bodyOf, CommandForm } from '../components/command-form';
import { Loading, ProblemView } from '../components/problem';
import { useFresh } from '../components/use-fresh';
import { useI18n } from '../i18n';

const KINDS: Schema<'RecordMilestoneDto'>['kind'][] = ['announcement', 'regulatory', 'corporate', 'operational', 'certification'];

/** Record a milestone of the partnership; the timeline's milestones are listed under it. */
export function RecordMilestonesPage() {
  const { t } = useI18n();
  const { loaded, recorded, refresh } = useFresh(
    (minPosition) => readAll((after) => answer(api.GET('/timeline', { params: { query: { limit: PAGE_SIZE, after, minPosition } } }))),
    'record-milestones',
  );
  return (
    <>
      <CommandForm
        name="milestone"
        title="recordMilestone"
        submit="submitMilestone"
        revision={-1}
        fields={[
          { name: 'title', label: 'title', kind: 'text' },
          { name: 'kind', label: 'kind', kind: 'select', options: KINDS },
          { name: 'plannedFor', label: 'plannedFor', kind: 'date', optional: true },
          { name: 'occurredOn', label: 'occurredOn', kind: 'date', optional: true },
          { name: 'source', label: 'milestoneSource', kind: 'text', optional: true },
        ]}
        initial={{ title: '', kind: 'operational', plannedFor: '', occurredOn: '', source: '' }}
        send={(values, headers) => api.POST('/milestones', { body: bodyOf<Schema<'RecordMilestoneDto'>>(values), headers })}
        onRecorded={recorded}
        onReload={refresh}
      />
      <h2>{t('milestones')}</h2>
      {loaded.state === 'loading' && <Loading />}
      {loaded.state === 'failed' && <ProblemView problem={loaded.problem} />}
      {loaded.state === 'ready' && (
        <ul class="plain" data-testid="milestones">
          {loaded.value
            .filter((e) => e.source === 'milestone')
            .map((e) => (
              <li key={e.key}>{`${e.date} — ${e.title} (${e.kind}, ${e.status})`}</li>
            ))}
        </ul>
      )}
    </>
  );
}
