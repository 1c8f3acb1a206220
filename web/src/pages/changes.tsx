import { answer, api, PAGE_SIZE, readAll } from '../api/client';
import { Loading, ProblemView } from '../components/problem';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n';
import { timesOf } from '../components/times';
import type { Route } from '../route';

/** Upstream changes: their review, and deployments made before review (exceptions). */
export function ChangesPage({ route }: { route: Route }) {
  const { t } = useI18n();
  const { asOf, validAt, key: times } = timesOf(route.query);
  const [loaded] = useLoad(() => readAll((after) => answer(api.GET('/changes', { params: { query: { asOf, validAt, limit: PAGE_SIZE, after } } }))), times);
  return (
    <>
      <h1>{t('changes')}</h1>
      {loaded.state === 'loading' && <Loading />}
      {loaded.state === 'failed' && <ProblemView problem={loaded.problem} />}
      {loaded.state === 'ready' && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('release')}</th>
              <th scope="col">{t('source')}</th>
              <th scope="col">{t('decision')}</th>
              <th scope="col">{t('risk')}</th>
              <th scope="col">{t('status')}</th>
              <th scope="col">{t('reviewedFirst')}</th>
              <th scope="col">{t('deployments')}</th>
            </tr>
          </thead>
          <tbody>
            {loaded.value.map((c) => (
              <tr key={c.changeId}>
                <th scope="row">{c.release}</th>
                <td>{c.source}</td>
                <td>{c.decision ?? '—'}</td>
                <td>{c.risk ?? '—'}</td>
                <td>{c.status}</td>
                <td>{c.reviewedBeforeDeployment === null ? '—' : c.reviewedBeforeDeployment ? t('yes') : <strong class="warning">{t('no')}</strong>}</td>
                <td>
                  <ul class="plain">
                    {c.deployments.map((d) => (
                      <li key={`${d.environment}-${d.deployedAt}`}>
                        {d.environment} {d.deployedAt}
                        {d.emergency && ` — ${t('emergency')}`}
                        {d.exception && <strong class="warning"> — {t('exception')}</strong>}
                        {d.justification && `: ${d.justification}`}
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
