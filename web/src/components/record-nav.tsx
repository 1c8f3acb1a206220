import { useI18n, type MessageKey } from '../i18n';
import { href, type Route } from '../route';

/** The areas staff record in, each a page of forms. */
export const RECORD_AREAS: [string, MessageKey][] = [
  ['audits', 'recordAudits'],
  ['findings', 'recordFindings'],
  ['incidents', 'recordIncidents'],
  ['changes', 'recordChanges'],
  ['milestones', 'recordMilestones'],
];

export function RecordNav({ route }: { route: Route }) {
  const { t } = useI18n();
  return (
    <nav aria-label={t('recordTitle')} class="subnav">
      {RECORD_AREAS.map(([area, label]) => {
        const path = `/record/${area}`;
        return (
          <a key={area} href={href(path, new URLSearchParams())} aria-current={route.path === path ? 'page' : undefined}>
            {t(label)}
          </a>
        );
      })}
    </nav>
  );
}
