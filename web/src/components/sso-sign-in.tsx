import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import { useI18n } from '../i18n';
import { session } from '../session';
import { completeSso, returningFromSso, startSso, type SsoSettings } from '../sso';

/**
 * The single sign-on button, when the service names an identity provider
 * (GET /web/config); on the way back from the provider, it finishes the
 * sign-in by itself.
 */
export function SsoSignIn() {
  const { t } = useI18n();
  const [settings, setSettings] = useState<SsoSettings | null>(null);
  const [busy, setBusy] = useState(returningFromSso());
  const [failure, setFailure] = useState<string | null>(null);
  const fail = (error: unknown) => (setFailure(error instanceof Error ? error.message : String(error)), setBusy(false));

  useEffect(() => {
    void api.GET('/web/config').then(({ data }) => {
      const oidc = data?.oidc ?? null;
      setSettings(oidc);
      if (oidc && returningFromSso()) completeSso(oidc).then(({ token, expiresAt }) => session.signIn(token, expiresAt), fail);
      else setBusy(false);
    }, fail);
  }, []);

  if (!settings) return failure ? <p role="alert" class="field-error">{t('ssoFailed', { reason: failure })}</p> : null;
  return (
    <div class="sso">
      <p id="sso-help">{t('ssoHelp', { issuer: settings.issuer })}</p>
      <button type="button" aria-describedby="sso-help" disabled={busy} onClick={() => (setBusy(true), setFailure(null), startSso(settings).catch(fail))}>
        {t('signInWithSso')}
      </button>
      {failure && (
        <p role="alert" class="field-error">
          {t('ssoFailed', { reason: failure })}
        </p>
      )}
    </div>
  );
}
