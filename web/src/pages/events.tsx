import { useEffect, useState } from 'preact/hooks';
import { answer, api, given } from '../api/client';
import { Loading, ProblemView } from '../components/problem';
import { useLoad } from '../components/use-load';
import { useI18n, type MessageKey } from '../i18n';
import { href, setQuery, type Route } from '../route';

/** The filters of the event browser, each a query parameter of GET /events and of the app's URL. */
export const EVENT_FILTERS = ['stream', 'type', 'actor', 'correlationId', 'causationId'] as const;
const PAGE = 50;

/**
 * The event log itself, for investigators: filtered by stream, type, actor,
 * correlation or cause, a page at a time. Filters and the page cursor live in
 * the URL, so a link shows a colleague the same events.
 */
export function EventsPage({ route }: { route: Route }) {
  const { t } = useI18n();
  const query = route.query;
  const asOf = given(query.get('asOf'));
  const after = given(query.get('after'));
  const filters = Object.fromEntries(EVENT_FILTERS.map((name) => [name, given(query.get(name))]));
  const [draft, setDraft] = useState(filters);
  useEffect(() => setDraft(filters), [query.toString()]);
  const [loaded] = useLoad(() => answer(api.GET('/events', { params: { query: { ...filters, asOf, after, limit: PAGE } } })), query.toString());
  const link = (extra: Record<string, string | undefined>) => href('/events', query, { ...filters, ...extra });
  return (
    <>
      <h1>{t('eventsTitle')}</h1>
      <form
        class="filters"
        aria-label={t('eventFilters')}
        onSubmit={(e) => (e.preventDefault(), setQuery({ ...Object.fromEntries(EVENT_FILTERS.map((name) => [name, draft[name]?.trim()])), after: undefined }))}
      >
        {EVENT_FILTERS.map((name) => (
          <label key={name}>
            {t(`filter.${name}` as MessageKey)}
            <input name={name} value={draft[name] ?? ''} onInput={(e) => setDraft({ ...draft, [name]: e.currentTarget.value })} />
          </label>
        ))}
        <button type="submit">{t('applyFilters')}</button>
      </form>
      {loaded.state === 'loading' && <Loading />}
      {loaded.state === 'failed' && <ProblemView problem={loaded.problem} />}
      {loaded.state === 'ready' && (
        <>
          <table class="events">
            <caption>{t(after ? 'eventsAfter' : 'eventsFirst', { after: after ?? '', count: loaded.value.items.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('position')}</th>
                <th scope="col">{t('when')}</th>
                <th scope="col">{t('filter.stream')}</th>
                <th scope="col">{t('filter.type')}</th>
                <th scope="col">{t('filter.actor')}</th>
                <th scope="col">{t('filter.correlationId')}</th>
              </tr>
            </thead>
            <tbody>
              {loaded.value.items.map((event) => (
                <tr key={event.id}>
                  <th scope="row">
                    <a href={href(`/events/${event.id}`, query)} aria-label={t('investigateEvent', { position: event.position, type: event.type })}>
                      {event.position}
                    </a>
                  </th>
                  <td>
                    <time dateTime={event.metadata.recordedAt}>{event.metadata.recordedAt}</time>
                  </td>
                  <td>
                    <a href={link({ stream: event.stream, after: undefined })}>{event.stream}</a>
                  </td>
                  <td>{event.type}</td>
                  <td>{event.metadata.actor}</td>
                  <td>
                    <a href={link({ correlationId: event.metadata.correlationId, after: undefined })}>{event.metadata.correlationId}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {loaded.value.items.length === 0 && <p>{t('empty')}</p>}
          <nav class="pager" aria-label={t('pages')}>
            {after && <a href={link({ after: undefined })}>{t('firstPage')}</a>}
            {loaded.value.next && <a href={link({ after: loaded.value.next })}>{t('nextPage')}</a>}
          </nav>
        </>
      )}
    </>
  );
}
