import { answer, api, PAGE_SIZE, readAll } from '../api/client';
import { Loading, ProblemView } from '../components/problem';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n';
import { timesOf } from '../components/times';
import { href, type Route } from '../route';

/** Audits, then their findings with remediations. */
export function AuditsPage({ route }: { route: Route }) {
  const { t } = useI18n();
  const { asOf, validAt, key: times } = timesOf(route.query);
  const [loaded] = useLoad(
    async () => ({
      audits: await readAll((after) => answer(api.GET('/audits', { params: { query: { asOf, validAt, limit: PAGE_SIZE, after } } }))),
      findings: await readAll((after) => answer(api.GET('/findings', { params: { query: { asOf, validAt, limit: PAGE_SIZE, after } } }))),
    }),
    times,
  );
  return (
    <>
      <h1>{t('audits')}</h1>
      {loaded.state === 'loading' && <Loading />}
      {loaded.state === 'failed' && <ProblemView problem={loaded.problem} />}
      {loaded.state === 'ready' && (
        <>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('audits')}</th>
                <th scope="col">{t('kind')}</th>
                <th scope="col">{t('auditor')}</th>
                <th scope="col">{t('planned')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col">{t('verdict')}</th>
                <th scope="col">{t('openFindings')}</th>
              </tr>
            </thead>
            <tbody>
              {loaded.value.audits.map((a) => (
                <tr key={a.auditId}>
                  <th scope="row">{a.auditId}</th>
                  <td>{a.kind}</td>
                  <td>{a.auditor}</td>
                  <td>
                    {a.plannedStart} → {a.plannedEnd}
                  </td>
                  <td>{a.status}</td>
                  <td>{a.verdict ?? '—'}</td>
                  <td class="num">
                    {a.openFindings} / {a.findings}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>{t('findings')}</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('title')}</th>
                <th scope="col">{t('severity')}</th>
                <th scope="col">{t('reference')}</th>
                <th scope="col">{t('raisedOn')}</th>
                <th scope="col">{t('dueOn')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col">{t('remediations')}</th>
              </tr>
            </thead>
            <tbody>
              {loaded.value.findings.map((f) => (
                <tr key={f.findingId}>
                  <th scope="row">{f.title}</th>
                  <td>{f.severity}</td>
                  <td>{f.requirement ? <a href={href(`/certifications/${encodeURIComponent(f.certificationId)}/requirements/${encodeURIComponent(f.requirement)}`, route.query)}>{f.requirement}</a> : '—'}</td>
                  <td>{f.raisedOn}</td>
                  <td>
                    {f.dueOn ?? '—'} {f.overdue && <strong class="warning">{t('overdue')}</strong>}
                  </td>
                  <td>
                    {f.status}
                    {f.resolution ? ` (${f.resolution})` : ''}
                  </td>
                  <td>
                    <ul class="plain">
                      {f.remediations.map((r) => (
                        <li key={r.recorded.eventId}>{r.action}</li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
