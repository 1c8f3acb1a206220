/**
 * The bearer token lives in sessionStorage: it survives a reload of the tab
 * but not the tab itself, and is never written to localStorage or a cookie.
 * A token from single sign-on comes with its expiry: the session ends then,
 * even if no request is made.
 */
const KEY = 'confiance.token';
const EXPIRES = 'confiance.token.expires';
type Listener = () => void;
const listeners = new Set<Listener>();
let timer: ReturnType<typeof setTimeout> | undefined;

function scheduleEnd(): void {
  clearTimeout(timer);
  const expires = Number(sessionStorage.getItem(EXPIRES));
  if (expires) timer = setTimeout(() => session.signOut(), Math.max(0, expires - Date.now()));
}

export const session = {
  token(): string | null {
    const expires = Number(sessionStorage.getItem(EXPIRES));
    if (expires && expires <= Date.now()) return null;
    return sessionStorage.getItem(KEY);
  },
  /** When the session ends by itself (ms since the epoch), or null for a token of the service. */
  expiresAt(): number | null {
    return Number(sessionStorage.getItem(EXPIRES)) || null;
  },
  signIn(token: string, expiresAt?: number): void {
    sessionStorage.setItem(KEY, token);
    if (expiresAt) sessionStorage.setItem(EXPIRES, String(expiresAt));
    else sessionStorage.removeItem(EXPIRES);
    scheduleEnd();
    listeners.forEach((listener) => listener());
  },
  signOut(): void {
    clearTimeout(timer);
    sessionStorage.removeItem(KEY);
    sessionStorage.removeItem(EXPIRES);
    listeners.forEach((listener) => listener());
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

scheduleEnd();
