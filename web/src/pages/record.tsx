import { RecordNav } from '../components/record-nav';
import { useMayRecord } from '../components/use-staff';
import { useI18n } from '../i18n';
import type { Route } from '../route';
import { RecordAuditsPage } from './record-audits';
import { RecordChangesPage } from './record-changes';
import { RecordFindingsPage } from './record-findings';
import { RecordIncidentsPage } from './record-incidents';
import { RecordMilestonesPage } from './record-milestones';

/** Forms for staff's everyday commands, one area at a time (#/record/<area>). */
export function RecordPage({ route, area }: { route: Route; area: string | undefined }) {
  const { t } = useI18n();
  const mayRecord = useMayRecord();
  return (
    <>
      <h1>{t('recordTitle')}</h1>
      {mayRecord ? (
        <>
          <RecordNav route={route} />
          <Area area={area} />
        </>
      ) : (
        <p>{t('recordNotAllowed')}</p>
      )}
    </>
  );
}

function Area({ area }: { area: string | undefined }) {
  switch (area) {
    case 'findings':
      return <RecordFindingsPage />;
    case 'incidents':
      return <RecordIncidentsPage />;
    case 'changes':
      return <RecordChangesPage />;
    case 'milestones':
      return <RecordMilestonesPage />;
    default:
      return <RecordAuditsPage />;
  }
}
