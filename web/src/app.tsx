import { useEffect, useState } from 'preact/hooks';
import { setLanguage, useI18n, type Language } from './i18n';
import { href, useRoute, type Route } from './route';
import { session } from './session';
import { TimeControl } from './components/time-control';
import { SignIn } from './pages/sign-in';
import { Overview } from './pages/overview';
import { Soa } from './pages/soa';
import { RequirementPage } from './pages/requirement';
import { AuditsPage } from './pages/audits';
import { IncidentsPage } from './pages/incidents';
import { ChangesPage } from './pages/changes';
import { TimelinePage } from './pages/timeline';
import { DossierPage } from './pages/dossier';
import { VerifyDossierPage } from './pages/verify-dossier';
import { EventsPage } from './pages/events';
import { InvestigationPage } from './pages/investigation';
import { DiffPage } from './pages/diff';
import { RecordPage } from './pages/record';
import { useMayRecord } from './components/use-staff';

function useSignedIn(): boolean {
  const [signedIn, setSignedIn] = useState(session.token() !== null);
  useEffect(() => session.subscribe(() => setSignedIn(session.token() !== null)), []);
  return signedIn;
}

/** Which page a path shows; unknown paths show the overview. */
function Page({ route }: { route: Route }) {
  const parts = route.path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'certifications' && parts[1]) {
    if (parts[2] === 'soa') return <Soa route={route} id={parts[1]} />;
    if (parts[2] === 'requirements' && parts[3]) return <RequirementPage route={route} id={parts[1]} reference={parts[3]} />;
    if (parts[2] === 'dossier') return <DossierPage route={route} id={parts[1]} />;
  }
  switch (parts[0]) {
    case 'audits':
      return <AuditsPage route={route} />;
    case 'incidents':
      return <IncidentsPage route={route} />;
    case 'changes':
      return <ChangesPage route={route} />;
    case 'timeline':
      return <TimelinePage route={route} />;
    case 'events':
      return parts[1] ? <InvestigationPage route={route} id={parts[1]} /> : <EventsPage route={route} />;
    case 'diff':
      return <DiffPage route={route} />;
    case 'verify':
      return <VerifyDossierPage />;
    case 'record':
      return <RecordPage route={route} area={parts[1]} />;
    default:
      return <Overview route={route} />;
  }
}

export function App() {
  const { t, lang } = useI18n();
  const route = useRoute();
  const signedIn = useSignedIn();
  const mayRecord = useMayRecord();
  const nav: [string, string][] = [
    ['/', t('navOverview')],
    ['/audits', t('navAudits')],
    ['/incidents', t('navIncidents')],
    ['/changes', t('navChanges')],
    ['/timeline', t('navTimeline')],
    ['/events', t('navEvents')],
    ['/diff', t('navDiff')],
    ['/verify', t('navVerify')],
    ...(mayRecord ? ([['/record/audits', t('navRecord')]] as [string, string][]) : []),
  ];
  return (
    <>
      <a class="skip" href="#main" onClick={(e) => (e.preventDefault(), document.getElementById('main')?.focus())}>
        {t('skipToContent')}
      </a>
      <header>
        <span class="brand">{t('appName')}</span>
        {signedIn && (
          <nav aria-label={t('appName')}>
            {nav.map(([path, label]) => (
              <a key={path} href={href(path, route.query)} aria-current={route.path === path ? 'page' : undefined}>
                {label}
              </a>
            ))}
          </nav>
        )}
        <label class="language">
          {t('language')}
          <select value={lang} onChange={(e) => setLanguage(e.currentTarget.value as Language)}>
            <option value="fr">Français</option>
            <option value="en">English</option>
          </select>
        </label>
        {signedIn && (
          <button type="button" onClick={() => session.signOut()}>
            {t('signOut')}
          </button>
        )}
      </header>
      {signedIn && <TimeControl route={route} />}
      <main id="main" tabIndex={-1}>
        {signedIn ? <Page route={route} /> : <SignIn />}
      </main>
    </>
  );
}
