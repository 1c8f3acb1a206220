import { useEffect, useState } from 'preact/hooks';
import { newIdempotencyKey, type Problem } from '../api/client';
import { useI18n, type MessageKey } from '../i18n';
import { ifMatch, outcomeOf } from './command';
import { FieldError, fieldMessages, ProblemView } from './problem';

export type Values = Record<string, string | boolean>;

/** One field of a command's body, named as the server names it in problem+json `errors[].field`. */
export interface Field {
  name: string;
  label: MessageKey;
  kind: 'text' | 'textarea' | 'date' | 'instant' | 'select' | 'checkbox';
  options?: readonly string[];
  /** Help shown under the field (and read with it). */
  help?: MessageKey;
  optional?: boolean;
}

/** What a typed call answers (openapi-fetch). */
type Answer = { response: Response; data?: unknown; error?: unknown };
export type Headers = { 'Idempotency-Key': string; 'If-Match': string };

export interface CommandFormProps {
  /** Prefix of the form's element ids, unique on the page. */
  name: string;
  title: MessageKey;
  submit: MessageKey;
  fields: Field[];
  initial: Values;
  /** The stream revision the form was loaded at (-1: the command creates a new stream). */
  revision: number;
  send: (values: Values, headers: Headers) => Promise<Answer>;
  /** Where the command's events went: the log position (null when nothing was appended) and the stream's new revision. */
  onRecorded: (answer: { position: string | null; revision: number }) => void;
  /** Reads the target again after a concurrent edit; the form keeps its entries. */
  onReload: () => void;
}

/** A minute ago, so a browser clock slightly ahead of the server's does not date a fact in the future. */
export const recently = () => new Date(Date.now() - 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
export const today = () => new Date().toISOString().slice(0, 10);

/** The body of a command from a form's values: empty optional fields are left out rather than sent empty. */
export function bodyOf<Body>(values: Values): Body {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== '')) as Body;
}

/**
 * A form for one command: field errors of the server's problem+json beside
 * the field they name, If-Match with the revision it was loaded at (412 is
 * explained, the entries kept), and one Idempotency-Key per content, so that a
 * double click or a retry records once.
 */
export function CommandForm({ name, title, submit, fields, initial, revision, send, onRecorded, onReload }: CommandFormProps) {
  const { t } = useI18n();
  const [values, setValues] = useState<Values>(initial);
  const [key, setKey] = useState(newIdempotencyKey);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [stale, setStale] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  // Another revision is another request: a key must not replay an answer given for an older state.
  useEffect(() => setKey(newIdempotencyKey()), [revision]);
  const edit = (field: string, value: string | boolean) => (setValues({ ...values, [field]: value }), setKey(newIdempotencyKey()));

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblem(null);
    setStale(false);
    setSaved(null);
    try {
      const outcome = outcomeOf(await send(values, { 'Idempotency-Key': key, 'If-Match': ifMatch(revision) }));
      if (!outcome.ok) return outcome.stale ? setStale(true) : setProblem(outcome.problem);
      setSaved(outcome.answer.position ?? '—');
      setKey(newIdempotencyKey());
      onRecorded(outcome.answer);
    } finally {
      setBusy(false);
    }
  };

  const named = new Set(fields.map((f) => f.name));
  const general = problem && !(problem.errors ?? []).some((e) => named.has(e.field.split('.')[0])) && !(problem.field && named.has(problem.field)) ? problem : null;
  return (
    <form class="command" onSubmit={onSubmit} aria-labelledby={`${name}-heading`} noValidate>
      <h2 id={`${name}-heading`}>{t(title)}</h2>
      {fields.map((field) => {
        const id = `${name}-${field.name}`;
        const messages = fieldMessages(problem, field.name);
        const described = [field.help ? `${id}-help` : '', messages.length ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
        const common = { id, 'aria-describedby': described, 'aria-invalid': messages.length > 0, 'aria-required': !field.optional && field.kind !== 'checkbox' };
        const value = values[field.name];
        return (
          <div key={field.name} class={field.kind === 'checkbox' ? 'field inline' : 'field'}>
            {field.kind === 'checkbox' && <input {...common} type="checkbox" checked={value === true} onChange={(e) => edit(field.name, e.currentTarget.checked)} />}
            <label for={id}>{t(field.label)}</label>
            {field.kind === 'select' && (
              <select {...common} value={String(value)} onChange={(e) => edit(field.name, e.currentTarget.value)}>
                {field.optional && <option value="">—</option>}
                {field.options!.map((option) => (
                  <option key={option} value={option}>
                    {option}
                  </option>
                ))}
              </select>
            )}
            {field.kind === 'textarea' && <textarea {...common} value={String(value)} onInput={(e) => edit(field.name, e.currentTarget.value)} />}
            {(field.kind === 'text' || field.kind === 'date' || field.kind === 'instant') && (
              <input {...common} type={field.kind === 'date' ? 'date' : 'text'} value={String(value)} onInput={(e) => edit(field.name, e.currentTarget.value)} />
            )}
            {field.help && (
              <small id={`${id}-help`} class="help">
                {t(field.help)}
              </small>
            )}
            <FieldError id={`${id}-error`} messages={messages} />
          </div>
        );
      })}
      <button type="submit" disabled={busy}>
        {t(submit)}
      </button>
      {general && <ProblemView problem={general} />}
      {stale && (
        <div role="alert" class="problem">
          <p>{t('staleCommand')}</p>
          <button type="button" onClick={() => (setStale(false), onReload())}>
            {t('reloadTarget')}
          </button>
        </div>
      )}
      {saved && <p role="status">{t('saved', { position: saved })}</p>}
    </form>
  );
}
