import { useState } from 'preact/hooks';
import { api, newIdempotencyKey, type Problem, type Schema } from '../api/client';
import { ifMatch, outcomeOf } from '../components/command';
import { FieldError, fieldMessages, ProblemView } from '../components/problem';
import { useI18n } from '../i18n';
import type { FormProps } from './record-check-form';
import { StaleNotice } from './stale-notice';

/** States whether the requirement applies to the service, and why (PUT …/applicability). */
export function ApplicabilityForm({ id, reference, revision, current, onRecorded, onReload }: FormProps & { current: Schema<'Requirement'> }) {
  const { t } = useI18n();
  const [applicable, setApplicable] = useState(current.applicable ?? true);
  const [justification, setJustification] = useState(current.justification ?? '');
  const [key, setKey] = useState(newIdempotencyKey);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [stale, setStale] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblem(null);
    setStale(false);
    setSaved(null);
    try {
      const answer = await api.PUT('/certifications/{id}/requirements/{ref}/applicability', {
        params: { path: { id, ref: reference } },
        body: { applicable, justification },
        headers: { 'Idempotency-Key': key, 'If-Match': ifMatch(revision) },
      });
      const outcome = outcomeOf(answer);
      if (!outcome.ok) return outcome.stale ? setStale(true) : setProblem(outcome.problem);
      setSaved(outcome.answer.position);
      setKey(newIdempotencyKey());
      onRecorded(outcome.answer.position);
    } finally {
      setBusy(false);
    }
  };
  const messages = fieldMessages(problem, 'justification');
  const general = problem && !problem.errors?.length && !problem.field ? problem : null;
  return (
    <form class="command" onSubmit={submit} aria-labelledby="applicability-title">
      <h2 id="applicability-title">{t('stateApplicability')}</h2>
      <label class="inline">
        <input type="checkbox" checked={applicable} onChange={(e) => (setApplicable(e.currentTarget.checked), setKey(newIdempotencyKey()))} /> {t('isApplicable')}
      </label>
      <label for="applicability-justification">{t('justification')}</label>
      <textarea
        id="applicability-justification"
        value={justification}
        aria-invalid={messages.length > 0}
        aria-describedby={messages.length ? 'applicability-justification-error' : undefined}
        onInput={(e) => (setJustification(e.currentTarget.value), setKey(newIdempotencyKey()))}
      />
      <FieldError id="applicability-justification-error" messages={messages} />
      <button type="submit" disabled={busy}>
        {t('submitApplicability')}
      </button>
      {general && <ProblemView problem={general} />}
      {stale && <StaleNotice onReload={onReload} />}
      {saved && <p role="status">{t('saved', { position: saved })}</p>}
    </form>
  );
}
