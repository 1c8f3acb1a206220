import { useState } from 'preact/hooks';
import { api, download, ProblemError, saveBlob, type Problem } from '../api/client';
import { ProblemView } from '../components/problem';
import { useI18n, type Language } from '../i18n';
import { timesOf } from '../components/times';
import type { Route } from '../route';

/** Downloads the signed dossier PDF in French or English, as of the time-travel point when one is set. */
export function DossierPage({ route, id }: { route: Route; id: string }) {
  const { t, lang } = useI18n();
  const [language, setLanguage] = useState<Language>(lang);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState<{ name: string; sha256: string } | null>(null);
  const { asOf, validAt } = timesOf(route.query);
  const fetchDossier = async () => {
    setBusy(true);
    setProblem(null);
    setDone(null);
    try {
      const { blob, response } = await download(api.GET('/certifications/{id}/dossier.pdf', { params: { path: { id }, query: { lang: language, asOf, validAt } }, parseAs: 'blob' }));
      const name = /filename="?([^";]+)"?/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `dossier-${id}-${language}.pdf`;
      saveBlob(blob, name);
      setDone({ name, sha256: response.headers.get('x-dossier-sha256') ?? '—' });
    } catch (error) {
      setProblem(error instanceof ProblemError ? error.problem : { type: 'about:blank', title: 'Network error', status: 0, detail: String(error) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <h1>{t('dossierTitle', { id })}</h1>
      <p>{t('dossierHelp')}</p>
      <form class="command" onSubmit={(e) => (e.preventDefault(), void fetchDossier())}>
        <label for="dossier-language">{t('dossierLanguage')}</label>
        <select id="dossier-language" value={language} onChange={(e) => setLanguage(e.currentTarget.value as Language)}>
          <option value="fr">Français</option>
          <option value="en">English</option>
        </select>
        <button type="submit" disabled={busy}>
          {t('downloadDossier')}
        </button>
      </form>
      {problem && <ProblemView problem={problem} />}
      {done && <p role="status">{t('dossierReady', done)}</p>}
    </>
  );
}
