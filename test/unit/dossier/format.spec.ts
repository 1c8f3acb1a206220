import { en } from '../../../templates/en';
import { fr } from '../../../templates/fr';
import { fill, Formatter } from '../../../src/dossier/render/format';

describe('dossier formatting, from the template only', () => {
  const french = new Formatter(fr);
  const english = new Formatter(en);

  it('writes dates in each language', () => {
    expect(french.date('2022-06-30')).toBe('30/06/2022');
    expect(french.date('2022-06-30', 'long')).toBe('30 juin 2022');
    expect(french.date('2022-02-01', 'long')).toBe('1er février 2022');
    expect(english.date('2022-06-30', 'long')).toBe('30 June 2022');
    expect(english.date('2022-06-30')).toBe('30 Jun 2022');
    expect(english.date('2022-06-01', 'long')).toBe('1 June 2022');
  });

  it('writes instants in UTC whatever the zone they were given in', () => {
    expect(french.instant('2022-06-30T09:05:00Z')).toBe('30/06/2022 à 09:05 UTC');
    expect(english.instant('2022-06-30T23:30:00-02:00')).toBe('1 Jul 2022, 01:30 UTC');
    expect(french.date('2022-06-30T23:30:00-02:00')).toBe('01/07/2022');
    expect(english.instant('2022-06-30')).toBe('30 Jun 2022');
  });

  it('leaves what is not a date as it is and shows a missing value as a dash', () => {
    expect(french.date('bientôt')).toBe('bientôt');
    expect(french.date('2022-06-30T09:00:00')).toBe('2022-06-30T09:00:00');
    expect(french.date(null)).toBe('—');
    expect(english.instant(undefined)).toBe('—');
  });

  it('does not depend on the machine time zone', () => {
    const zone = process.env.TZ;
    try {
      process.env.TZ = 'Pacific/Kiritimati';
      expect(english.instant('2022-12-31T23:59:00Z')).toBe('31 Dec 2022, 23:59 UTC');
    } finally {
      process.env.TZ = zone;
    }
  });

  it('groups digits and writes percentages and sizes per language', () => {
    expect(french.number(48214)).toBe('48\u202f214');
    expect(english.number(1234567)).toBe('1,234,567');
    expect(french.number(-1.25, 1)).toBe('-1,3');
    expect(french.percent(0.874)).toBe('87\u00a0%');
    expect(english.percent(1)).toBe('100%');
    expect(french.bytes(1_284_311)).toBe('1,3\u00a0Mo');
    expect(english.bytes(512)).toBe('512\u00a0B');
    expect(english.bytes(88_120_551)).toBe('88.1\u00a0MB');
  });

  it('labels codes from the template and shows unknown codes as they are', () => {
    expect(french.label('obligation', 'nis2_early_warning')).toBe('Alerte précoce NIS\u00a02 (24\u00a0h)');
    expect(english.label('obligationStatus', 'missed')).toBe('Missed');
    expect(english.label('findingStatus', 'escalated')).toBe('escalated');
    expect(french.label('verdict', null)).toBe('—');
    expect(french.yesNo(true)).toBe('oui');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(fill('page {n} / {total}', { n: 1, total: 9 })).toBe('page 1 / 9');
    expect(fill('{missing}', {})).toBe('{missing}');
  });
});

describe('templates', () => {
  const keysOf = (value: unknown, prefix = ''): string[] =>
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? Object.entries(value).flatMap(([key, child]) => keysOf(child, `${prefix}${key}.`))
      : [prefix];

  it('word the same things in French and English', () => {
    expect(keysOf(fr).sort()).toEqual(keysOf(en).sort());
  });

  it('name twelve months and share a version', () => {
    for (const t of [fr, en]) {
      expect(t.dates.months).toHaveLength(12);
      expect(t.dates.monthsShort).toHaveLength(12);
    }
    expect(fr.version).toBe(en.version);
  });

  it('give a column share to every column and never exceed the text width', () => {
    for (const shares of Object.values(fr.layout.columns)) {
      expect(shares.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1.0001);
    }
  });
});
