import { useEffect, useState } from 'preact/hooks';
import { answer, api, given, type Schema } from '../api/client';
import { Loading, ProblemView } from '../components/problem';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n';
import { href, setQuery, type Route } from '../route';

/** The two points compared: what the ledger knew (from, to) and the business dates (validFrom, validTo). */
const POINTS = ['from', 'validFrom', 'to', 'validTo'] as const;
type Diff = Schema<'Diff'>;

/**
 * What changed for a certification between two points, each a recording
 * point and a business date: requirements, findings, and the business dates
 * set right in between. The URL carries both points.
 */
export function DiffPage({ route }: { route: Route }) {
  const { t } = useI18n();
  const query = route.query;
  const [certifications] = useLoad(() => answer(api.GET('/certifications', { params: { query: { limit: 100 } } })), 'certifications');
  const certificationId = given(query.get('certificationId')) ?? (certifications.state === 'ready' ? certifications.value.items[0]?.id : undefined);
  const points = Object.fromEntries(POINTS.map((name) => [name, given(query.get(name))]));
  const [draft, setDraft] = useState<Record<string, string | undefined>>(points);
  useEffect(() => setDraft(points), [query.toString()]);
  const asked = certificationId !== undefined && (points.from !== undefined || points.validFrom !== undefined);
  const [loaded] = useLoad<Diff | null>(
    () => (asked ? answer(api.GET('/diff', { params: { query: { certificationId, ...points } } })) : Promise.resolve(null)),
    `${certificationId} ${query.toString()}`,
  );
  return (
    <>
      <h1>{t('diffTitle')}</h1>
      <p>{t('diffHelp')}</p>
      <form class="filters" aria-label={t('diffPoints')} onSubmit={(e) => (e.preventDefault(), setQuery({ certificationId, ...Object.fromEntries(POINTS.map((n) => [n, draft[n]?.trim()])) }))}>
        {certifications.state === 'ready' && (
          <label>
            {t('certifications')}
            <select value={certificationId} onChange={(e) => setQuery({ certificationId: e.currentTarget.value })}>
              {certifications.value.items.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.id}
                </option>
              ))}
            </select>
          </label>
        )}
        {POINTS.map((name) => (
          <label key={name}>
            {t(`diff.${name}`)}
            <input name={name} type={name.startsWith('valid') ? 'date' : 'text'} value={draft[name] ?? ''} onInput={(e) => setDraft({ ...draft, [name]: e.currentTarget.value })} />
          </label>
        ))}
        <button type="submit">{t('compare')}</button>
      </form>
      {loaded.state === 'loading' && asked && <Loading />}
      {loaded.state === 'failed' && <ProblemView problem={loaded.problem} />}
      {loaded.state === 'ready' && loaded.value && <DiffView diff={loaded.value} route={route} />}
    </>
  );
}

function DiffView({ diff, route }: { diff: Diff; route: Route }) {
  const { t } = useI18n();
  const side = (s: Diff['from']) => t('diffSide', { position: s.position ?? '—', at: s.at, validAt: s.validAt ?? '—' });
  const state = (s: { status: string; applicable: boolean | null }) => `${s.status}${s.applicable === false ? ` (${t('notApplicable')})` : ''}`;
  return (
    <>
      <p role="status">
        {t('diffCompared', { from: side(diff.from), to: side(diff.to), count: diff.requirements.length })}
      </p>
      <table>
        <caption>{t('diffRequirements')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('reference')}</th>
            <th scope="col">{t('diffBefore')}</th>
            <th scope="col">{t('diffAfter')}</th>
          </tr>
        </thead>
        <tbody>
          {diff.requirements.map((r) => (
            <tr key={r.ref}>
              <th scope="row">
                <a href={href(`/certifications/${encodeURIComponent(diff.certificationId)}/requirements/${encodeURIComponent(r.ref)}`, route.query)}>{r.ref}</a>
              </th>
              <td>{state(r.from)}</td>
              <td>{state(r.to)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table>
        <caption>{t('diffFindings')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('title')}</th>
            <th scope="col">{t('severity')}</th>
            <th scope="col">{t('diffBefore')}</th>
            <th scope="col">{t('diffAfter')}</th>
          </tr>
        </thead>
        <tbody>
          {diff.findings.map((f) => (
            <tr key={f.findingId}>
              <th scope="row">
                {f.requirement} {f.title}
              </th>
              <td>{f.severity}</td>
              <td>{f.from ?? '—'}</td>
              <td>{f.to}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {diff.corrections.length > 0 && (
        <table>
          <caption>{t('diffCorrections')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('position')}</th>
              <th scope="col">{t('what')}</th>
              <th scope="col">{t('diffBefore')}</th>
              <th scope="col">{t('diffAfter')}</th>
              <th scope="col">{t('who')}</th>
            </tr>
          </thead>
          <tbody>
            {diff.corrections.map((c) => (
              <tr key={`${c.position}-${c.field}`}>
                <th scope="row">{c.position}</th>
                <td>
                  {c.subject} {c.field}: {c.reason}
                </td>
                <td>{c.from}</td>
                <td>{c.to}</td>
                <td>{c.actor}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
