import { engagementAllows, engagementValidAt, signInEngagement } from '../../../src/auth/engagement-policy';

const scope = { certificationIds: ['scn-1'], windowFrom: '2026-01-01', windowTo: '2026-06-30', accessUntil: '2027-01-31T00:00:00Z' };
const now = new Date('2026-11-28T12:00:00Z');
const get = (pattern: string, params: Record<string, string> = {}, query: Record<string, unknown> = {}) => ({ method: 'GET', pattern, params, query });

describe('engagement policy: an engagement token sees its certifications in its window, and nothing else', () => {
  it('allows the certifications of the engagement, their requirements and dossiers', () => {
    for (const pattern of ['/certifications/:id', '/certifications/:id/requirements', '/certifications/:id/dossier.pdf']) {
      expect(engagementAllows(get(pattern, { id: 'scn-1' }), scope, now)).toBe('allowed');
    }
  });

  it('hides other certifications, business dates outside the window, and routes about anything else', () => {
    expect(engagementAllows(get('/certifications/:id', { id: 'scn-2' }), scope, now)).toBe('hidden');
    expect(engagementAllows(get('/certifications/:id', { id: 'scn-1' }, { validAt: '2026-07-01' }), scope, now)).toBe('hidden');
    expect(engagementAllows(get('/certifications/:id', { id: 'scn-1' }, { validAt: '2025-12-31T23:00:00Z' }), scope, now)).toBe('hidden');
    expect(engagementAllows(get('/certifications/:id', { id: 'scn-1' }, { validAt: '2026-06-30' }), scope, now)).toBe('allowed');
    for (const pattern of ['/certifications', '/timeline', '/evidence', '/diff', '/people/:subject']) expect(engagementAllows(get(pattern), scope, now)).toBe('hidden');
    // The log's answers are narrowed to the engagement, evidence files checked against what it relies on (by the guard).
    for (const pattern of ['/events', '/streams/:stream', '/investigations/:correlationId', '/evidence/:sha256', '/evidence/:sha256/meta']) {
      expect(engagementAllows(get(pattern), scope, now)).toBe('allowed');
    }
    expect(engagementAllows({ ...get('/transparency/cosignatures'), method: 'POST' }, scope, now)).toBe('hidden');
    expect(engagementAllows(get('/transparency/checkpoint'), scope, now)).toBe('allowed');
  });

  it('ends everything once access is over', () => {
    expect(engagementAllows(get('/certifications/:id', { id: 'scn-1' }), scope, new Date('2027-01-31T00:00:00Z'))).toBe('ended');
  });

  it('reads on the end of the window by default, or today while the window is open', () => {
    expect(engagementValidAt(scope, now)).toBe('2026-06-30');
    expect(engagementValidAt(scope, new Date('2026-03-10T08:00:00Z'))).toBe('2026-03-10');
  });
});

describe('sign-in engagement: a provider-signed auditor named by engagements', () => {
  const opened = (engagementId: string, accessUntil: string) => ({ engagementId, scope: { ...scope, accessUntil } });

  it('is bound to the latest engagement still lasting', () => {
    const engagements = [opened('e1', '2027-01-31T00:00:00Z'), opened('e2', '2027-03-01T00:00:00Z'), opened('e3', '2026-01-01T00:00:00Z')];
    expect(signInEngagement(engagements, now)).toBe('e2');
  });

  it('stays bound to an ended engagement rather than reading everything, and is unbound when no engagement names them', () => {
    expect(signInEngagement([opened('e1', '2026-01-01T00:00:00Z'), opened('e2', '2026-02-01T00:00:00Z')], now)).toBe('e2');
    expect(signInEngagement([], now)).toBeNull();
  });
});
