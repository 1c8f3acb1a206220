import { useEffect, useState } from 'preact/hooks';
import { answer, api } from '../api/client';
import { useI18n, type MessageKey } from '../i18n';
import type { DossierVerification } from '../verify/verify-dossier';

/** The verifier's chunk, loaded as the page opens: from then on, verifying needs no network. */
const loadVerifier = () => import('../verify/verify-dossier');

type State = { state: 'idle' } | { state: 'checking'; name: string } | { state: 'done'; name: string; result: DossierVerification } | { state: 'failed'; name: string; error: string };

/**
 * Verifies a dossier PDF in this browser: the file never leaves it. The
 * verifier and its PDF library load only here (a separate chunk), so the
 * other pages stay light; the log's key is fetched once, or pasted.
 */
export function VerifyDossierPage() {
  const { t } = useI18n();
  const [key, setKey] = useState('');
  const [state, setState] = useState<State>({ state: 'idle' });
  const [dragging, setDragging] = useState(false);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    void loadVerifier().then(() => setReady(true));
    answer(api.GET('/transparency/key')).then(
      (published) => setKey((typed) => typed || published.verifierKey),
      () => undefined, // without a published key, the auditor pastes one
    );
  }, []);
  const check = async (file: File | undefined) => {
    if (!file) return;
    setState({ state: 'checking', name: file.name });
    try {
      const { verifyDossier } = await loadVerifier();
      setState({ state: 'done', name: file.name, result: await verifyDossier(new Uint8Array(await file.arrayBuffer()), key) });
    } catch (error) {
      setState({ state: 'failed', name: file.name, error: String(error) });
    }
  };
  return (
    <>
      <h1>{t('verifyTitle')}</h1>
      <p>{t('verifyHelp')}</p>
      <label for="log-key">{t('logKey')}</label>
      <textarea id="log-key" rows={2} value={key} onInput={(e) => setKey(e.currentTarget.value)} aria-describedby="log-key-help" />
      <p id="log-key-help" class="help">
        {t('logKeyHelp')}
      </p>
      <div
        class={`drop-zone${dragging ? ' dragging' : ''}`}
        onDragOver={(e) => (e.preventDefault(), setDragging(true))}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => (e.preventDefault(), setDragging(false), void check(e.dataTransfer?.files[0]))}
      >
        <label for="dossier-file">{t('dossierFile')}</label>
        <input id="dossier-file" type="file" accept="application/pdf,.pdf" onChange={(e) => void check(e.currentTarget.files?.[0])} />
      </div>
      {ready && <p role="status">{t('verifierReady')}</p>}
      <div aria-live="polite">
        {state.state === 'checking' && <p>{t('verifying', { name: state.name })}</p>}
        {state.state === 'failed' && <p class="problem" role="alert">{state.error}</p>}
        {state.state === 'done' && <Verdict name={state.name} result={state.result} />}
      </div>
    </>
  );
}

function Verdict({ name, result }: { name: string; result: DossierVerification }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="verdict">
      <h2 id="verdict" class={result.ok ? 'verdict-ok' : 'verdict-fails'}>
        {t(result.ok ? 'dossierHolds' : 'dossierFails', { name })}
      </h2>
      <p>
        {t('sha256')}: <code class="hash">{result.sha256}</code>
      </p>
      <table class="checks">
        <caption>{t('checksDone')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('checkKind')}</th>
            <th scope="col">{t('verdict')}</th>
            <th scope="col">{t('checkDetail')}</th>
          </tr>
        </thead>
        <tbody>
          {result.checks.map((c, i) => (
            <tr key={i} class={`check-${c.verdict}`}>
              <th scope="row">
                {t(`check.${c.kind}` as MessageKey)}
                {c.subject && <code> {c.subject}</code>}
              </th>
              <td>{t(`verdict.${c.verdict}` as MessageKey)}</td>
              <td>{c.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
