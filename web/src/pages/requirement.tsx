import { answer, api } from '../api/client';
import { Loading, ProblemView } from '../components/problem';
import { useLoad } from '../components/use-load';
import { useI18n, type MessageKey } from '../i18n';
import { timesOf } from '../components/times';
import { href, type Route } from '../route';
import { EvidenceItem } from './evidence-item';
import { RecordCheckForm } from './record-check-form';
import { ApplicabilityForm } from './applicability-form';
import { useRef } from 'preact/hooks';
import { useMayRecord } from '../components/use-staff';

/** One requirement: its statement, latest check, evidence and history; staff forms when viewing now. */
export function RequirementPage({ route, id, reference }: { route: Route; id: string; reference: string }) {
  const { t, lang } = useI18n();
  const mayRecord = useMayRecord();
  const { asOf, validAt, key: times } = timesOf(route.query);
  // After a command, the next read waits for the read model to reach the command's position.
  // It is a reload of the same view, which keeps the forms (and their confirmation) on screen.
  const minPosition = useRef<string | undefined>(undefined);
  const [loaded, reload] = useLoad(
    () => answer(api.GET('/certifications/{id}/requirements/{ref}', { params: { path: { id, ref: reference }, query: { asOf, validAt, minPosition: minPosition.current } } })),
    `${id}|${reference}|${times}`,
  );
  const recorded = (position: string | null) => {
    minPosition.current = position ?? undefined;
    reload();
  };
  return (
    <>
      <p>
        <a href={href(`/certifications/${encodeURIComponent(id)}/soa`, route.query)}>{t('backToSoa')}</a>
      </p>
      <h1>{t('requirementTitle', { ref: reference })}</h1>
      {loaded.state === 'loading' && <Loading />}
      {loaded.state === 'failed' && <ProblemView problem={loaded.problem} />}
      {loaded.state === 'ready' && (
        <>
          <p>{loaded.value.summary[lang]}</p>
          <dl class="facts">
            <dt>{t('status')}</dt>
            <dd>
              <span class={`status status-${loaded.value.status}`} data-testid="requirement-status">
                {t(`status.${loaded.value.status}` as MessageKey)}
              </span>
            </dd>
            <dt>{t('applicability')}</dt>
            <dd>{loaded.value.applicable === null ? t('notStated') : loaded.value.applicable ? t('applicable') : t('notApplicable')}</dd>
            {loaded.value.justification && (
              <>
                <dt>{t('justification')}</dt>
                <dd>{loaded.value.justification}</dd>
              </>
            )}
            <dt>{t('latestCheck')}</dt>
            <dd>
              {loaded.value.latestCheck
                ? `${t(`status.${loaded.value.latestCheck.result}` as MessageKey)} — ${t(`method.${loaded.value.latestCheck.method}` as MessageKey)} — ${loaded.value.latestCheck.performedAt}${loaded.value.latestCheck.notes ? ` — ${loaded.value.latestCheck.notes}` : ''}`
                : t('noCheck')}
            </dd>
          </dl>
          <h2>{t('evidence')}</h2>
          {loaded.value.evidence.length === 0 ? (
            <p>{t('noEvidence')}</p>
          ) : (
            <ul class="plain">
              {loaded.value.evidence.map((sha) => (
                <EvidenceItem key={sha} sha256={sha} asOf={asOf} validAt={validAt} />
              ))}
            </ul>
          )}
          <h2>{t('history')}</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('position')}</th>
                <th scope="col">{t('when')}</th>
                <th scope="col">{t('who')}</th>
                <th scope="col">{t('what')}</th>
              </tr>
            </thead>
            <tbody>
              {loaded.value.history.map((h) => (
                <tr key={h.eventId}>
                  <td class="num">{h.position}</td>
                  <td>{h.recordedAt}</td>
                  <td>{h.actor}</td>
                  <td>
                    {h.type}
                    {h.summary ? `: ${h.summary}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {!asOf && mayRecord && (
            <div class="forms">
              <RecordCheckForm id={id} reference={reference} revision={loaded.value.history.length - 1} onRecorded={recorded} onReload={reload} />
              <ApplicabilityForm id={id} reference={reference} revision={loaded.value.history.length - 1} current={loaded.value} onRecorded={recorded} onReload={reload} />
            </div>
          )}
        </>
      )}
    </>
  );
}
