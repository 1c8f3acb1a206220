import { useState } from 'preact/hooks';
import { answer, api, download, saveBlob } from '../api/client';
import { ProblemView } from '../components/problem';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n';

async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** One evidence file: its recorded details, a download, and the downloaded bytes checked against the SHA-256. */
export function EvidenceItem({ sha256, asOf, validAt }: { sha256: string; asOf: string | undefined; validAt?: string }) {
  const { t } = useI18n();
  const [meta] = useLoad(() => answer(api.GET('/evidence/{sha256}/meta', { params: { path: { sha256 }, query: { asOf, validAt } } })), `${sha256}|${asOf}|${validAt}`);
  const [checked, setChecked] = useState<boolean | null>(null);
  const [failure, setFailure] = useState<Error | null>(null);
  const name = meta.state === 'ready' ? meta.value.name : sha256;
  const fetchFile = async () => {
    try {
      const { blob } = await download(api.GET('/evidence/{sha256}', { params: { path: { sha256 } }, parseAs: 'blob' }));
      // WebCrypto exists only in secure contexts (HTTPS, localhost): elsewhere the check is not shown.
      if (crypto.subtle) setChecked((await sha256Hex(blob)) === sha256);
      saveBlob(blob, name);
    } catch (error) {
      setFailure(error as Error);
    }
  };
  return (
    <li class="evidence">
      <strong>{name}</strong>
      {meta.state === 'ready' && (
        <span>
          {' '}
          ({meta.value.mediaType}, {meta.value.size} B) — {t('fileState')}: {meta.value.file}
          {meta.value.description && <> — {meta.value.description}</>}
        </span>
      )}
      <div>
        {t('sha256')}: <code class="hash">{sha256}</code>
      </div>
      <button type="button" onClick={fetchFile} aria-label={`${t('download')} ${name}`}>
        {t('download')}
      </button>
      {checked !== null && (
        <span role="status" class={checked ? 'ok' : 'warning'}>
          {' '}
          {checked ? `✓ ${t('hashChecked')}` : `✗ ${t('hashMismatch')}`}
        </span>
      )}
      {failure && <ProblemView problem={{ type: 'about:blank', title: t('download'), status: 0, detail: failure.message }} />}
    </li>
  );
}
