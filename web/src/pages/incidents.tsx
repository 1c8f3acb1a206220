import { answer, api, PAGE_SIZE, readAll } from '../api/client';
import { Loading, ProblemView } from '../components/problem';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n';
import { timesOf } from '../components/times';
import type { Route } from '../route';

/** Incidents with their notification deadlines, met or overdue. */
export function IncidentsPage({ route }: { route: Route }) {
  const { t } = useI18n();
  const { asOf, validAt, key: times } = timesOf(route.query);
  const [loaded] = useLoad(() => readAll((after) => answer(api.GET('/incidents', { params: { query: { asOf, validAt, limit: PAGE_SIZE, after } } }))), times);
  return (
    <>
      <h1>{t('incidents')}</h1>
      {loaded.state === 'loading' && <Loading />}
      {loaded.state === 'failed' && <ProblemView problem={loaded.problem} />}
      {loaded.state === 'ready' && loaded.value.length === 0 && <p>{t('empty')}</p>}
      {loaded.state === 'ready' && loaded.value.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('title')}</th>
              <th scope="col">{t('severity')}</th>
              <th scope="col">{t('detectedAt')}</th>
              <th scope="col">{t('personalData')}</th>
              <th scope="col">{t('status')}</th>
              <th scope="col">{t('deadlines')}</th>
            </tr>
          </thead>
          <tbody>
            {loaded.value.map((i) => (
              <tr key={i.incidentId}>
                <th scope="row">{i.title}</th>
                <td>{i.severity}</td>
                <td>{i.detectedAt}</td>
                <td>{i.personalData ? t('yes') : t('no')}</td>
                <td>
                  {i.status} {i.overdue && <strong class="warning">{t('overdue')}</strong>}
                </td>
                <td>
                  <ul class="plain">
                    {i.deadlines.map((d) => (
                      <li key={d.obligation}>
                        {d.recipient}: {t('dueAt', { date: d.dueAt })}
                        {d.metAt ? `, ${t('metAt', { date: d.metAt })}` : ''} — {d.status} {d.overdue && <strong class="warning">{t('overdue')}</strong>}
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
