import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n';
import { setQuery, type Route } from '../route';

/** Sets `asOf` (what the ledger knew) and `validAt` (the business date) in the URL, for every page. */
export function TimeControl({ route }: { route: Route }) {
  const { t } = useI18n();
  const [asOf, setAsOf] = useState(route.query.get('asOf') ?? '');
  const [validAt, setValidAt] = useState(route.query.get('validAt') ?? '');
  useEffect(() => {
    setAsOf(route.query.get('asOf') ?? '');
    setValidAt(route.query.get('validAt') ?? '');
  }, [route.query.toString()]);
  const past = route.query.get('asOf');
  return (
    <form
      class="time-control"
      aria-label={t('timeTravel')}
      onSubmit={(event) => {
        event.preventDefault();
        setQuery({ asOf: asOf.trim(), validAt: validAt.trim() });
      }}
    >
      <label>
        {t('asOf')}
        <input name="asOf" value={asOf} placeholder="61" title={t('asOfHelp')} onInput={(e) => setAsOf(e.currentTarget.value)} />
      </label>
      <label>
        {t('validAt')}
        <input name="validAt" type="date" value={validAt} title={t('validAtHelp')} onInput={(e) => setValidAt(e.currentTarget.value)} />
      </label>
      <button type="submit">{t('apply')}</button>
      {(past || route.query.get('validAt')) && (
        <button type="button" onClick={() => setQuery({ asOf: undefined, validAt: undefined })}>
          {t('now')}
        </button>
      )}
      {past && (
        <p class="past" role="status">
          {t('viewingPast', { asOf: past })}
        </p>
      )}
    </form>
  );
}
