import { useEffect, useState } from 'preact/hooks';
import { en } from './messages/en';
import { fr } from './messages/fr';

export type Language = 'fr' | 'en';
export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;

const MESSAGES: Record<Language, Messages> = { en, fr };
const KEY = 'confiance.language';
const listeners = new Set<() => void>();

/** The browser's first preferred language among French and English, unless the user chose one in this tab. */
function initialLanguage(): Language {
  const chosen = sessionStorage.getItem(KEY);
  if (chosen === 'fr' || chosen === 'en') return chosen;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'fr' || base === 'en') return base;
  }
  return 'en';
}

let language: Language = initialLanguage();
document.documentElement.lang = language;

export function setLanguage(next: Language): void {
  language = next;
  sessionStorage.setItem(KEY, next);
  document.documentElement.lang = next;
  listeners.forEach((listener) => listener());
}

/** The current language and its translation function; re-renders when the language changes. */
export function useI18n(): { lang: Language; t: (key: MessageKey, values?: Record<string, string | number>) => string } {
  const [, setTick] = useState(0);
  useEffect(() => {
    const listener = () => setTick((n) => n + 1);
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }, []);
  const t = (key: MessageKey, values: Record<string, string | number> = {}) =>
    MESSAGES[language][key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
  return { lang: language, t };
}
