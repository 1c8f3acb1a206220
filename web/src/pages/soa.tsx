import { useMemo } from 'preact/hooks';
import { answer, api, PAGE_SIZE, readAll, type Schema } from '../api/client';
import { Loading, ProblemView } from '../components/problem';
import { useLoad } from '../components/use-load';
import { useI18n, type MessageKey } from '../i18n';
import { timesOf } from '../components/times';
import { href, setQuery, type Route } from '../route';

type SortKey = 'ref' | 'chapter' | 'status' | 'applicability' | 'evidence';
const STATUSES = ['passed', 'partial', 'failed', 'not_applicable', 'not_assessed'] as const;

type Requirement = Schema<'RequirementListItem'>;

/** Natural order of references: 5.2.a before 5.10.a. */
const byRef = (a: Requirement, b: Requirement) => a.ref.localeCompare(b.ref, undefined, { numeric: true });
const applicabilityOf = (r: Requirement) => (r.applicable === null ? 'unstated' : r.applicable ? 'yes' : 'no');
const SORTS: Record<SortKey, (a: Requirement, b: Requirement) => number> = {
  ref: byRef,
  chapter: (a, b) => a.chapter.localeCompare(b.chapter, undefined, { numeric: true }) || byRef(a, b),
  status: (a, b) => a.status.localeCompare(b.status) || byRef(a, b),
  applicability: (a, b) => applicabilityOf(a).localeCompare(applicabilityOf(b)) || byRef(a, b),
  evidence: (a, b) => a.evidenceCount - b.evidenceCount || byRef(a, b),
};

/** The statement of applicability: every requirement of the framework, filtered and sorted from the URL. */
export function Soa({ route, id }: { route: Route; id: string }) {
  const { t, lang } = useI18n();
  const q = route.query;
  const { asOf, validAt, key: times } = timesOf(q);
  const [loaded] = useLoad(
    () => readAll((after) => answer(api.GET('/certifications/{id}/requirements', { params: { path: { id }, query: { asOf, validAt, limit: PAGE_SIZE, after } } }))),
    `${id}|${times}`,
  );
  const sort = (q.get('sort') as SortKey | null) ?? 'ref';
  const descending = q.get('dir') === 'desc';
  const chapter = q.get('chapter') ?? '';
  const status = q.get('status') ?? '';
  const applicability = q.get('applicability') ?? '';
  const text = (q.get('q') ?? '').toLowerCase();

  const all = loaded.state === 'ready' ? loaded.value : [];
  const chapters = useMemo(() => [...new Set(all.map((r) => r.chapter))].sort((a, b) => a.localeCompare(b, undefined, { numeric: true })), [all]);
  const rows = useMemo(() => {
    const kept = all.filter(
      (r) =>
        (!chapter || r.chapter === chapter) &&
        (!status || r.status === status) &&
        (!applicability || applicabilityOf(r) === applicability) &&
        (!text || r.ref.toLowerCase().includes(text) || r.summary[lang].toLowerCase().includes(text)),
    );
    const sorted = kept.sort(SORTS[sort] ?? byRef);
    return descending ? sorted.reverse() : sorted;
  }, [all, chapter, status, applicability, text, sort, descending, lang]);

  const header = (key: SortKey, label: string) => (
    <th scope="col" aria-sort={sort === key ? (descending ? 'descending' : 'ascending') : undefined}>
      <button type="button" class="sort" onClick={() => setQuery({ sort: key, dir: sort === key && !descending ? 'desc' : undefined })}>
        {label}
      </button>
    </th>
  );

  return (
    <>
      <h1>{t('soaTitle', { id })}</h1>
      <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('filter')}
          <input type="search" value={q.get('q') ?? ''} placeholder={t('filterHelp')} onInput={(e) => setQuery({ q: e.currentTarget.value })} />
        </label>
        <label>
          {t('chapter')}
          <select value={chapter} onChange={(e) => setQuery({ chapter: e.currentTarget.value })}>
            <option value="">{t('allChapters')}</option>
            {chapters.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('status')}
          <select value={status} onChange={(e) => setQuery({ status: e.currentTarget.value })}>
            <option value="">{t('allStatuses')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('applicability')}
          <select value={applicability} onChange={(e) => setQuery({ applicability: e.currentTarget.value })}>
            <option value="">{t('allApplicability')}</option>
            <option value="yes">{t('applicable')}</option>
            <option value="no">{t('notApplicable')}</option>
            <option value="unstated">{t('notStated')}</option>
          </select>
        </label>
      </form>
      {loaded.state === 'loading' && <Loading />}
      {loaded.state === 'failed' && <ProblemView problem={loaded.problem} />}
      {loaded.state === 'ready' && (
        <>
          <p role="status">{t('rowsShown', { shown: rows.length, total: all.length })}</p>
          <table class="soa">
            <thead>
              <tr>
                {header('ref', t('reference'))}
                {header('chapter', t('chapter'))}
                <th scope="col">{t('summary')}</th>
                {header('status', t('status'))}
                {header('applicability', t('applicability'))}
                {header('evidence', t('evidenceCount'))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.ref}>
                  <th scope="row">
                    <a href={href(`/certifications/${encodeURIComponent(id)}/requirements/${encodeURIComponent(r.ref)}`, q)}>{r.ref}</a>
                  </th>
                  <td>{r.chapter}</td>
                  <td>{r.summary[lang]}</td>
                  <td>
                    <span class={`status status-${r.status}`}>{t(`status.${r.status}` as MessageKey)}</span>
                  </td>
                  <td>{r.applicable === null ? t('notStated') : r.applicable ? t('applicable') : t('notApplicable')}</td>
                  <td class="num">{r.evidenceCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
