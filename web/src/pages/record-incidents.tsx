import { useState } from 'preact/hooks';
import { answer, api, PAGE_SIZE, readAll, type Schema } from '../api/client';
import { bodyOf, CommandForm, recently } from '../components/command-form';
import { Loading, ProblemView } from '../components/problem';
import { useFresh } from '../components/use-fresh';
import { useRevision } from '../components/use-revision';
import { useI18n } from '../i18n';

const SEVERITIES: Schema<'DetectIncidentDto'>['severity'][] = ['low', 'medium', 'high', 'critical'];
const RECIPIENTS: Schema<'SendNotificationDto'>['recipient'][] = ['CNIL', 'ANSSI', 'CSIRT', 'customers'];
const NOTICE_KINDS: Schema<'SendNotificationDto'>['kind'][] = ['early_warning', 'notification', 'final_report', 'information'];

/** Open an incident, then record the notifications sent for one (with the recipient's reference). */
export function RecordIncidentsPage() {
  const { t } = useI18n();
  const { loaded, round, recorded, refresh } = useFresh(
    async (minPosition) => ({
      certifications: await readAll((after) => answer(api.GET('/certifications', { params: { query: { limit: PAGE_SIZE, after, minPosition } } }))),
      incidents: await readAll((after) => answer(api.GET('/incidents', { params: { query: { limit: PAGE_SIZE, after, minPosition } } }))),
    }),
    'record-incidents',
  );
  const [incidentId, setIncidentId] = useState('');
  const [revision, setRevision] = useRevision(incidentId ? `incident-${incidentId}` : null, round);
  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'failed') return <ProblemView problem={loaded.problem} />;
  const { certifications, incidents } = loaded.value;
  const incident = incidents.find((i) => i.incidentId === incidentId);
  return (
    <div class="forms">
      <CommandForm
        name="open-incident"
        title="openIncident"
        submit="submitOpenIncident"
        revision={-1}
        fields={[
          { name: 'certificationId', label: 'certification', kind: 'select', options: certifications.map((c) => c.id), optional: true },
          { name: 'title', label: 'title', kind: 'text' },
          { name: 'severity', label: 'severity', kind: 'select', options: SEVERITIES },
          { name: 'detectedAt', label: 'detectedAt', kind: 'instant', help: 'instantHelp' },
          { name: 'personalData', label: 'personalDataInvolved', kind: 'checkbox' },
          { name: 'significant', label: 'significantIncident', kind: 'checkbox' },
        ]}
        initial={{ certificationId: certifications[0]?.id ?? '', title: '', severity: 'medium', detectedAt: recently(), personalData: false, significant: false }}
        send={(values, headers) => api.POST('/incidents', { body: bodyOf<Schema<'DetectIncidentDto'>>(values), headers })}
        onRecorded={recorded}
        onReload={refresh}
      />
      <section class="command-target" aria-labelledby="incident-target-title">
        <h2 id="incident-target-title">{t('anIncident')}</h2>
        <label for="incident-target">{t('chooseIncident')}</label>
        <select id="incident-target" value={incidentId} onChange={(e) => setIncidentId(e.currentTarget.value)}>
          <option value="">—</option>
          {incidents.map((i) => (
            <option key={i.incidentId} value={i.incidentId}>
              {`${i.title} — ${i.severity} — ${i.detectedAt} (${i.status})`}
            </option>
          ))}
        </select>
        {incident && (
          <ul class="plain" data-testid="incident-notifications">
            {incident.notifications.map((n, index) => (
              <li key={index}>{`${n.recipient} — ${n.kind} — ${n.sentAt}${n.reference ? ` — ${n.reference}` : ''}`}</li>
            ))}
          </ul>
        )}
        {incident && revision !== null && (
          <CommandForm
            key={incidentId}
            name="notify"
            title="recordNotification"
            submit="submitNotification"
            revision={revision}
            fields={[
              { name: 'recipient', label: 'recipient', kind: 'select', options: RECIPIENTS },
              { name: 'kind', label: 'kind', kind: 'select', options: NOTICE_KINDS },
              { name: 'sentAt', label: 'sentAt', kind: 'instant', help: 'instantHelp' },
              { name: 'reference', label: 'notificationReference', kind: 'text', optional: true },
            ]}
            initial={{ recipient: 'ANSSI', kind: 'early_warning', sentAt: recently(), reference: '' }}
            send={(values, headers) => api.POST('/incidents/{id}/notifications', { params: { path: { id: incidentId } }, body: bodyOf<Schema<'SendNotificationDto'>>(values), headers })}
            onRecorded={(answer) => (setRevision(answer.revision), recorded(answer))}
            onReload={refresh}
          />
        )}
      </section>
    </div>
  );
}
