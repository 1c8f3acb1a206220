import type { DossierTemplate } from '../../../templates/template';

type CodeFamily = keyof DossierTemplate['codes'];

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const pad2 = (n: number) => String(n).padStart(2, '0');

/** Replaces each `{name}` with its value; unknown names stay visible so a template mistake shows. */
export function fill(pattern: string, values: Readonly<Record<string, string | number>>): string {
  return pattern.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

interface DateParts {
  year: number;
  month: number;
  day: number;
  hours: number;
  minutes: number;
}

/**
 * Dates are taken apart by hand rather than with Intl or toLocaleString: the
 * output then depends on the template alone, not on the ICU data or the time
 * zone of the machine that renders, which keeps dossiers byte-identical.
 */
function partsOf(value: string): DateParts | null {
  const date = ISO_DATE.exec(value);
  if (date) return { year: Number(date[1]), month: Number(date[2]), day: Number(date[3]), hours: 0, minutes: 0 };
  const ms = Date.parse(value);
  if (Number.isNaN(ms) || !/[zZ]|[+-]\d{2}:?\d{2}$/.test(value)) return null;
  const d = new Date(ms);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hours: d.getUTCHours(), minutes: d.getUTCMinutes() };
}

/** Everything the renderer writes that depends on the language, read from the template. */
export class Formatter {
  constructor(readonly t: DossierTemplate) {}

  /** `style` long: "30 juin 2022"; short: "30/06/2022" (fr) or "30 Jun 2022" (en). */
  date(value: string | null | undefined, style: 'long' | 'short' = 'short'): string {
    if (!value) return this.t.none;
    const parts = partsOf(value);
    if (!parts) return value;
    const rules = this.t.dates;
    return fill(style === 'long' ? rules.long : rules.short, {
      d: parts.day === 1 && style === 'long' ? rules.firstDay : String(parts.day),
      dd: pad2(parts.day),
      month: rules.months[parts.month - 1],
      mon: rules.monthsShort[parts.month - 1],
      mm: pad2(parts.month),
      yyyy: String(parts.year),
    });
  }

  /** An instant in UTC with its time; a plain date is shown as a date. */
  instant(value: string | null | undefined): string {
    if (!value) return this.t.none;
    if (ISO_DATE.test(value)) return this.date(value);
    const parts = partsOf(value);
    if (!parts) return value;
    return fill(this.t.dates.instant, { date: this.date(value), hh: pad2(parts.hours), min: pad2(parts.minutes) });
  }

  number(value: number, decimals = 0): string {
    const fixed = Math.abs(value).toFixed(decimals);
    const [whole, fraction] = fixed.split('.');
    const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, this.t.numbers.thousands);
    return `${value < 0 ? '-' : ''}${grouped}${fraction ? this.t.numbers.decimal + fraction : ''}`;
  }

  /** `share` between 0 and 1. */
  percent(share: number): string {
    return fill(this.t.numbers.percent, { n: this.number(Math.round(share * 100)) });
  }

  bytes(size: number): string {
    const units = this.t.numbers.byteUnits;
    let index = 0;
    let value = size;
    while (value >= 1000 && index < units.length - 1) {
      value /= 1000;
      index += 1;
    }
    return `${this.number(value, index === 0 || value >= 100 ? 0 : 1)}\u00a0${units[index]}`;
  }

  /** The template's label for a code, or the code itself when the template has none. */
  label(family: CodeFamily, code: string | null | undefined): string {
    if (code === null || code === undefined || code === '') return this.t.none;
    return this.t.codes[family][code] ?? code;
  }

  yesNo(value: boolean): string {
    return this.label('yesNo', value ? 'yes' : 'no');
  }

  text(value: string | null | undefined): string {
    return value === null || value === undefined || value === '' ? this.t.none : value;
  }
}
