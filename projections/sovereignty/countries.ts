// The library without its entry point, which loads every one of its eighty languages (a quarter of a second at each start of a process or thread).
import countries from 'i18n-iso-countries/index';
import english from 'i18n-iso-countries/langs/en.json';
import french from 'i18n-iso-countries/langs/fr.json';
import membership from './eu-member-states.json';

countries.registerLocale(english);
countries.registerLocale(french);

/**
 * Countries are ISO 3166-1 alpha-2 codes, checked against the maintained
 * i18n-iso-countries list; membership of the European Union is read from
 * eu-member-states.json, dated, so that a state that joins or leaves changes
 * the evaluation of the dates after it did (decision 23).
 */
interface Membership {
  country: string;
  joined: string;
  /** The last day of membership. */
  left?: string;
}

const MEMBERS: readonly Membership[] = membership.members;

export const isCountry = (code: string): boolean => /^[A-Z]{2}$/.test(code) && countries.isValid(code);

/** Whether `country` was a member state of the Union on `date` (YYYY-MM-DD). */
export function isEuMember(country: string, date: string): boolean {
  return MEMBERS.some((m) => m.country === country && m.joined <= date && (m.left === undefined || date <= m.left));
}

export const countryName = (code: string, lang: 'fr' | 'en'): string => countries.getName(code, lang) ?? code;
