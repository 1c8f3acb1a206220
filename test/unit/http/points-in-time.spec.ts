import { isCalendarDate, isInstant, parsePoint, pointProblem } from '../../../src/shared/points-in-time';
import { loggableUrl } from '../../../src/http/logged-url';
import { hasLoneSurrogate, loneSurrogatePath } from '../../../src/shared/unicode';

describe('points in time, read in one place', () => {
  it.each(['2024-02-29', '1970-01-01', '2023-12-31'])('takes %s as a calendar date', (day) => expect(isCalendarDate(day)).toBe(true));
  it.each(['2023-02-29', '2024-02-30', '2024-13-01', '0001-01-01', '1969-12-31', '2024-2-1', '2024-02-01T00:00:00Z'])('refuses %s as a calendar date', (day) =>
    expect(isCalendarDate(day)).toBe(false));

  it.each(['2024-02-29T23:59:59Z', '2024-03-12T09:40Z', '2024-03-12T09:40:00.123456+02:00', '1970-01-01T00:00:00Z'])('takes %s as an instant', (instant) =>
    expect(isInstant(instant)).toBe(true));
  it.each(['2024-02-30T00:00:00Z', '2024-03-12T24:00:00Z', '2024-03-12T09:60:00Z', '2024-03-12T09:40:00', '2024-03-12T09:40:00+15:00', '1969-12-31T23:59:59Z', '2024-03-12'])(
    'refuses %s as an instant',
    (instant) => expect(isInstant(instant)).toBe(false),
  );

  it('reads a position or an instant as a point, and refuses a date alone saying what to send', () => {
    expect(parsePoint('0042')).toEqual({ position: '42' });
    expect(parsePoint('2024-03-12T10:40:00+01:00')).toEqual({ instant: '2024-03-12T09:40:00.000Z' });
    expect(pointProblem('2024-03-12')).toContain('2024-03-12T23:59:59Z');
    expect(pointProblem('yesterday')).toContain('log position');
  });
});

describe('what the logs may show of an address', () => {
  it('redacts credential parameters and anything shaped like a token, keeping the rest', () => {
    expect(loggableUrl('/timeline?limit=5&access_token=abc&asOf=12')).toBe('/timeline?limit=5&access_token=[redacted]&asOf=12');
    expect(loggableUrl('/people/cfd_AbC-123?x=cfd_zz')).toBe('/people/[redacted]?x=[redacted]');
  });
});

describe('lone surrogates', () => {
  it('finds a lone surrogate and names its path, and leaves pairs alone', () => {
    expect(hasLoneSurrogate('rocket \ud83d\ude80')).toBe(false);
    expect(hasLoneSurrogate('half \ud83d')).toBe(true);
    expect(hasLoneSurrogate('\ude80 half')).toBe(true);
    expect(loneSurrogatePath({ a: { evidence: ['ok', 'bad \udc00'] } })).toBe('a.evidence[1]');
    expect(loneSurrogatePath({ a: 'fine' })).toBeNull();
  });
});
