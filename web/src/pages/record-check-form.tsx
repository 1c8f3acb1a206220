import { useState } from 'preact/hooks';
import { api, newIdempotencyKey, type Problem, type Schema } from '../api/client';
import { ifMatch, outcomeOf, type Outcome } from '../components/command';
import { FieldError, fieldMessages, ProblemView } from '../components/problem';
import { useI18n, type MessageKey } from '../i18n';
import { StaleNotice } from './stale-notice';

type CheckBody = Schema<'RecordCheckDto'>;
const RESULTS: CheckBody['result'][] = ['passed', 'partial', 'failed', 'not_applicable'];
const METHODS: CheckBody['method'][] = ['document_review', 'manual', 'automated', 'interview'];
/** A minute ago, so a browser clock slightly ahead of the server's does not date the check in the future. */
const recently = () => new Date(Date.now() - 60_000).toISOString().replace(/\.\d+Z$/, 'Z');

export interface FormProps {
  id: string;
  reference: string;
  revision: number;
  /** The log position of what was recorded (null when the command appended nothing). */
  onRecorded: (position: string | null) => void;
  onReload: () => void;
}

async function uploadEvidence(file: File, description: string, key: string): Promise<Outcome<Schema<'EvidenceStored'>>> {
  const form = new FormData();
  if (description.trim()) form.set('description', description.trim());
  form.set('file', file);
  const answer = await api.POST('/evidence', {
    body: form as never,
    bodySerializer: (body: unknown) => body as FormData,
    headers: { 'Idempotency-Key': key },
  });
  return outcomeOf<Schema<'EvidenceStored'>>(answer);
}

/** Records a control check, uploading its evidence file first (POST /evidence, then POST …/checks). */
export function RecordCheckForm({ id, reference, revision, onRecorded, onReload }: FormProps) {
  const { t } = useI18n();
  const [body, setBody] = useState<CheckBody>({ result: 'passed', method: 'document_review', performedAt: recently(), notes: '' });
  const [file, setFile] = useState<File | null>(null);
  const [description, setDescription] = useState('');
  const [key, setKey] = useState(newIdempotencyKey);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [stale, setStale] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const edit = (change: Partial<CheckBody>) => (setBody({ ...body, ...change }), setKey(newIdempotencyKey()));

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblem(null);
    setStale(false);
    setSaved(null);
    try {
      const evidence: string[] = [];
      if (file) {
        const uploaded = await uploadEvidence(file, description, `${key}-evidence`);
        if (!uploaded.ok) return setProblem(uploaded.problem);
        evidence.push(uploaded.answer.sha256);
      }
      const { notes, ...rest } = body;
      const answer = await api.POST('/certifications/{id}/requirements/{ref}/checks', {
        params: { path: { id, ref: reference } },
        body: { ...rest, ...(notes ? { notes } : {}), ...(evidence.length ? { evidence } : {}) },
        headers: { 'Idempotency-Key': key, 'If-Match': ifMatch(revision) },
      });
      const outcome = outcomeOf(answer);
      if (!outcome.ok) return outcome.stale ? setStale(true) : setProblem(outcome.problem);
      setSaved(outcome.answer.position);
      setKey(newIdempotencyKey());
      setFile(null);
      onRecorded(outcome.answer.position);
    } finally {
      setBusy(false);
    }
  };

  const field = (name: string) => {
    const messages = fieldMessages(problem, name);
    return { messages, id: `check-${name}-error`, described: messages.length ? `check-${name}-error` : undefined };
  };
  const result = field('result');
  const method = field('method');
  const performedAt = field('performedAt');
  const notes = field('notes');
  const upload = [...field('file').messages, ...field('evidence').messages];
  const general = problem && !problem.errors?.length && !problem.field ? problem : null;

  return (
    <form class="command" onSubmit={submit} aria-labelledby="record-check-title">
      <h2 id="record-check-title">{t('recordCheck')}</h2>
      <label for="check-result">{t('result')}</label>
      <select id="check-result" value={body.result} aria-describedby={result.described} onChange={(e) => edit({ result: e.currentTarget.value as CheckBody['result'] })}>
        {RESULTS.map((r) => (
          <option key={r} value={r}>
            {t(`status.${r}` as MessageKey)}
          </option>
        ))}
      </select>
      <FieldError id={result.id} messages={result.messages} />
      <label for="check-method">{t('method')}</label>
      <select id="check-method" value={body.method} aria-describedby={method.described} onChange={(e) => edit({ method: e.currentTarget.value as CheckBody['method'] })}>
        {METHODS.map((m) => (
          <option key={m} value={m}>
            {t(`method.${m}` as MessageKey)}
          </option>
        ))}
      </select>
      <FieldError id={method.id} messages={method.messages} />
      <label for="check-performedAt">{t('performedAt')}</label>
      <input id="check-performedAt" value={body.performedAt} title={t('performedAtHelp')} aria-invalid={performedAt.messages.length > 0} aria-describedby={performedAt.described} onInput={(e) => edit({ performedAt: e.currentTarget.value })} />
      <FieldError id={performedAt.id} messages={performedAt.messages} />
      <label for="check-notes">{t('notes')}</label>
      <textarea id="check-notes" value={body.notes} aria-invalid={notes.messages.length > 0} aria-describedby={notes.described} onInput={(e) => edit({ notes: e.currentTarget.value })} />
      <FieldError id={notes.id} messages={notes.messages} />
      <label for="check-file">{t('file')}</label>
      <input id="check-file" type="file" aria-describedby={upload.length ? 'check-file-error' : undefined} onChange={(e) => (setFile(e.currentTarget.files?.[0] ?? null), setKey(newIdempotencyKey()))} />
      <FieldError id="check-file-error" messages={upload} />
      <label for="check-description">{t('fileDescription')}</label>
      <input id="check-description" value={description} onInput={(e) => (setDescription(e.currentTarget.value), setKey(newIdempotencyKey()))} />
      <button type="submit" disabled={busy}>
        {t('submitCheck')}
      </button>
      {general && <ProblemView problem={general} />}
      {stale && <StaleNotice onReload={onReload} />}
      {saved && <p role="status">{t('saved', { position: saved })}</p>}
    </form>
  );
}
