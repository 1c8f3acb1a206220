import { answer, api, PAGE_SIZE, readAll } from '../api/client';
import { Loading, ProblemView } from '../components/problem';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n';
import { timesOf } from '../components/times';
import type { Route } from '../route';

/** The partnership timeline, by year: milestones and certification steps, achieved, planned or slipped. */
export function TimelinePage({ route }: { route: Route }) {
  const { t } = useI18n();
  const { asOf, validAt, key: times } = timesOf(route.query);
  const [loaded] = useLoad(() => readAll((after) => answer(api.GET('/timeline', { params: { query: { asOf, validAt, limit: PAGE_SIZE, after } } }))), times);
  const years = loaded.state === 'ready' ? [...new Set(loaded.value.map((e) => e.date.slice(0, 4)))] : [];
  return (
    <>
      <h1>{t('timeline')}</h1>
      {loaded.state === 'loading' && <Loading />}
      {loaded.state === 'failed' && <ProblemView problem={loaded.problem} />}
      {loaded.state === 'ready' &&
        years.map((year) => (
          <section key={year} class="year" aria-labelledby={`year-${year}`}>
            <h2 id={`year-${year}`}>{year}</h2>
            <ol class="timeline">
              {loaded.value
                .filter((e) => e.date.startsWith(year))
                .map((e) => (
                  <li key={e.key} class={`entry entry-${e.status}`}>
                    <time dateTime={e.date}>{e.date}</time> <span class="tag">{e.kind}</span> {e.title} <em>({e.status}{e.slipDays ? `, +${e.slipDays} d` : ''})</em>
                  </li>
                ))}
            </ol>
          </section>
        ))}
    </>
  );
}
