import { answer, api, PAGE_SIZE, readAll } from '../api/client';
import { Loading, ProblemView } from '../components/problem';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n';
import { timesOf } from '../components/times';
import { href, type Route } from '../route';

const percent = (ratio: number) => `${Math.round(ratio * 100)} %`;

/** Every certification with its validity warnings and readiness per chapter of its framework. */
export function Overview({ route }: { route: Route }) {
  const { t, lang } = useI18n();
  const { asOf, validAt, key: times } = timesOf(route.query);
  const [loaded] = useLoad(async () => {
    const list = await readAll((after) => answer(api.GET('/certifications', { params: { query: { asOf, validAt, limit: PAGE_SIZE, after } } })));
    return Promise.all(list.map((c) => answer(api.GET('/certifications/{id}', { params: { path: { id: c.id }, query: { asOf, validAt } } }))));
  }, times);
  return (
    <>
      <h1>{t('certifications')}</h1>
      {loaded.state === 'loading' && <Loading />}
      {loaded.state === 'failed' && <ProblemView problem={loaded.problem} />}
      {loaded.state === 'ready' && loaded.value.length === 0 && <p>{t('noCertification')}</p>}
      {loaded.state === 'ready' &&
        loaded.value.map((c) => (
          <section key={c.id} class="card" aria-labelledby={`cert-${c.id}`}>
            <h2 id={`cert-${c.id}`}>
              {c.label} — {c.service}
            </h2>
            <dl class="facts">
              <dt>{t('framework')}</dt>
              <dd>{c.framework}</dd>
              <dt>{t('evaluator')}</dt>
              <dd>{c.evaluator}</dd>
              <dt>{t('status')}</dt>
              <dd>
                {c.status} {c.steps.length > 0 && `(${c.steps.map((s) => s.step).join(', ')})`}
              </dd>
              <dt>{t('validUntil')}</dt>
              <dd>
                {c.validUntil ?? '—'}{' '}
                {c.expired ? (
                  <strong class="warning">{t('expired')}</strong>
                ) : c.daysToExpiry !== null ? (
                  <span class={c.daysToExpiry < 90 ? 'warning' : ''}>{t('expiresIn', { days: c.daysToExpiry })}</span>
                ) : !c.valid ? (
                  <span class="warning">{t('notValid')}</span>
                ) : null}
              </dd>
            </dl>
            <p class="links">
              <a href={href(`/certifications/${encodeURIComponent(c.id)}/soa`, route.query)}>{t('soaLink')}</a>
              <a href={href(`/certifications/${encodeURIComponent(c.id)}/dossier`, route.query)}>{t('dossierLink')}</a>
            </p>
            {c.readiness && (
              <table>
                <caption>{t('readinessTitle')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('chapter')}</th>
                    <th scope="col">{t('requirements')}</th>
                    <th scope="col">{t('passed')}</th>
                    <th scope="col">{t('partial')}</th>
                    <th scope="col">{t('failed')}</th>
                    <th scope="col">{t('notAssessed')}</th>
                    <th scope="col">{t('readiness')}</th>
                  </tr>
                </thead>
                <tbody>
                  {c.readiness.map((r) => (
                    <tr key={r.chapter}>
                      <th scope="row">
                        <a href={href(`/certifications/${encodeURIComponent(c.id)}/soa`, route.query, { chapter: r.chapter })}>
                          {r.chapter}. {r.title[lang]}
                        </a>
                      </th>
                      <td class="num">{r.requirements}</td>
                      <td class="num">{r.passed}</td>
                      <td class="num">{r.partial}</td>
                      <td class="num">{r.failed}</td>
                      <td class="num">{r.notAssessed}</td>
                      <td class="num">
                        <progress max={1} value={r.readiness} aria-label={`${t('readiness')} ${r.chapter}`} /> {percent(r.readiness)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        ))}
    </>
  );
}
