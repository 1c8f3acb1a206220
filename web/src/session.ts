/**
 * The bearer token lives in sessionStorage: it survives a reload of the tab
 * but not the tab itself, and is never written to localStorage or a cookie.
 * Sign-in by an identity provider (OIDC) will call `signIn` with the access
 * token it obtains; nothing else changes.
 */
const KEY = 'confiance.token';
type Listener = () => void;
const listeners = new Set<Listener>();

export const session = {
  token(): string | null {
    return sessionStorage.getItem(KEY);
  },
  signIn(token: string): void {
    sessionStorage.setItem(KEY, token);
    listeners.forEach((listener) => listener());
  },
  signOut(): void {
    sessionStorage.removeItem(KEY);
    listeners.forEach((listener) => listener());
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
