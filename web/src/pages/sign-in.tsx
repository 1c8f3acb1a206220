import { useState } from 'preact/hooks';
import { useI18n } from '../i18n';
import { session } from '../session';
import { api } from '../api/client';
import { SsoSignIn } from '../components/sso-sign-in';

/**
 * Sign-in with a bearer token, tried on a read before it is kept; and, when
 * the service names an identity provider, single sign-on (OIDC, authorization
 * code with PKCE), which ends the same way: session.signIn(accessToken).
 */
export function SignIn() {
  const { t } = useI18n();
  const [token, setToken] = useState('');
  const [refused, setRefused] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    const { response } = await api.GET('/certifications', { headers: { Authorization: `Bearer ${token.trim()}` } });
    setBusy(false);
    if (response.ok) session.signIn(token.trim());
    else setRefused(true);
  };
  return (
    <section class="sign-in">
      <h1>{t('signInTitle')}</h1>
      <p id="token-help">{t('signInHelp')}</p>
      <form onSubmit={submit}>
        <label for="token">{t('token')}</label>
        <input
          id="token"
          name="token"
          type="password"
          autoComplete="off"
          required
          value={token}
          aria-describedby={refused ? 'token-help token-error' : 'token-help'}
          aria-invalid={refused}
          onInput={(e) => (setToken(e.currentTarget.value), setRefused(false))}
        />
        {refused && (
          <p id="token-error" class="field-error" role="alert">
            {t('signInRefused')}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {t('signIn')}
        </button>
      </form>
      <SsoSignIn />
    </section>
  );
}
