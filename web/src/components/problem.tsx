import type { Problem } from '../api/client';
import { useI18n } from '../i18n';

/** A problem+json answer, as the service worded it. */
export function ProblemView({ problem }: { problem: Problem }) {
  const { t } = useI18n();
  return (
    <div role="alert" class="problem">
      <strong>{t('errorTitle', { title: problem.title })}</strong>
      <p>{problem.detail}</p>
    </div>
  );
}

/** The messages the server gave for one field, shown beside it and tied to it by aria-describedby. */
export function fieldMessages(problem: Problem | null, field: string): string[] {
  if (!problem) return [];
  const fromList = problem.errors?.filter((e) => e.field === field || e.field.startsWith(`${field}.`)).flatMap((e) => e.messages) ?? [];
  return problem.field === field ? [...fromList, problem.detail] : fromList;
}

export function FieldError({ id, messages }: { id: string; messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <p id={id} class="field-error" role="alert">
      {messages.join(' ')}
    </p>
  );
}

export function Loading() {
  const { t } = useI18n();
  return <p aria-live="polite">{t('loading')}</p>;
}
