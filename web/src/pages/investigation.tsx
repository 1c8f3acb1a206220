import { answer, api, given } from '../api/client';
import { Loading, ProblemView } from '../components/problem';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n';
import { href, type Route } from '../route';

/**
 * One event with causation followed both ways: what caused it, up to the
 * first command, and everything it caused, directly or through others. Each
 * event links to its own investigation, so a trail is walked link by link.
 */
export function InvestigationPage({ route, id }: { route: Route; id: string }) {
  const { t } = useI18n();
  const asOf = given(route.query.get('asOf'));
  const [loaded] = useLoad(() => answer(api.GET('/events/{id}/effects', { params: { path: { id }, query: { asOf } } })), `${id} ${asOf}`);
  const to = (eventId: string) => href(`/events/${eventId}`, route.query);
  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'failed') return <ProblemView problem={loaded.problem} />;
  const { event, causes, effects, truncated } = loaded.value;
  return (
    <>
      <h1>{t('investigationTitle', { type: event.type, position: event.position })}</h1>
      <dl class="event-facts">
        <dt>{t('filter.stream')}</dt>
        <dd>
          <a href={href('/events', route.query, { stream: event.stream })}>{event.stream}</a> (rev. {event.revision})
        </dd>
        <dt>{t('when')}</dt>
        <dd>{event.metadata.recordedAt}</dd>
        <dt>{t('filter.actor')}</dt>
        <dd>{event.metadata.actor}</dd>
        <dt>{t('filter.correlationId')}</dt>
        <dd>
          <a href={href('/events', route.query, { correlationId: event.metadata.correlationId })}>{event.metadata.correlationId}</a>
        </dd>
        <dt>{t('eventHash')}</dt>
        <dd>
          <code class="hash">{event.metadata.hash}</code>
        </dd>
      </dl>
      <h2>{t('eventData')}</h2>
      <pre class="event-data">{JSON.stringify(event.data, null, 2)}</pre>
      <section aria-labelledby="causes">
        <h2 id="causes">{t('causedBy')}</h2>
        {causes.length === 0 ? (
          <p>{t('noCause')}</p>
        ) : (
          <ol class="causes">
            {causes.map((cause) => (
              <li key={cause.id}>
                <a href={to(cause.id)}>
                  {cause.position} {cause.type}
                </a>{' '}
                <span class="tag">{cause.stream}</span>
              </li>
            ))}
          </ol>
        )}
      </section>
      <section aria-labelledby="effects">
        <h2 id="effects">{t('effects')}</h2>
        {effects.length === 0 ? (
          <p>{t('noEffect')}</p>
        ) : (
          <ul class="effects">
            {effects.map((effect) => (
              <li key={effect.id} class={`depth-${Math.min(effect.depth, 6)}`}>
                <a href={to(effect.id)}>
                  {effect.position} {effect.type}
                </a>{' '}
                <span class="tag">{effect.stream}</span> <em>{t('effectDepth', { depth: effect.depth })}</em>
              </li>
            ))}
          </ul>
        )}
        {truncated && <p class="warning">{t('effectsTruncated')}</p>}
        <p>
          <a href={href('/events', route.query, { causationId: event.id })}>{t('directEffectsInBrowser')}</a>
        </p>
      </section>
    </>
  );
}
