/** What an engagement lets its auditor see (the terms recorded by EngagementOpened). */
export interface EngagementScope {
  certificationIds: readonly string[];
  windowFrom: string;
  windowTo: string;
  accessUntil: string;
}

/** The engagements, as the guard needs them; provided by the engagements area. */
export abstract class EngagementDirectory {
  abstract scopeOf(engagementId: string): Promise<EngagementScope | null>;
  /** The engagements naming this auditor, in the order they were opened. */
  abstract engagementsOf(auditor: string): Promise<{ engagementId: string; scope: EngagementScope }[]>;
  /** Whether the engagement's facts rely on this evidence file. */
  abstract reliesOn(engagementId: string, sha256: string): Promise<boolean>;
}

/** Routes whose answers are filtered to the engagement's facts by the history queries. */
const FILTERED_LOG = ['/events', '/streams/:stream', '/investigations/:correlationId'];
/** Evidence routes: allowed only for files the engagement's facts rely on (the guard asks the directory). */
export const EVIDENCE_ROUTES = ['/evidence/:sha256', '/evidence/:sha256/meta'];

export interface RequestedRoute {
  method: string;
  /** The route's pattern, such as /certifications/:id/dossier.pdf. */
  pattern: string;
  params: Record<string, string | undefined>;
  query: Record<string, unknown>;
}

/**
 * `ended` once access lasts no more; `hidden` for anything outside the
 * engagement, answered 404 so that it does not reveal what exists: other
 * certifications, a business date outside the observation window, and every
 * route not about the engagement's certifications (evidence lists, people,
 * the timeline). Transparency proofs stay readable: they reveal only hashes.
 * The log's routes are allowed and answer only the engagement's facts;
 * evidence files only when they are relied on (decision 0036).
 */
export function engagementAllows(route: RequestedRoute, scope: EngagementScope, now: Date): 'allowed' | 'ended' | 'hidden' {
  if (Date.parse(scope.accessUntil) <= now.getTime()) return 'ended';
  if (route.method !== 'GET') return 'hidden';
  if (route.pattern.startsWith('/transparency/')) return 'allowed';
  if (FILTERED_LOG.includes(route.pattern) || EVIDENCE_ROUTES.includes(route.pattern)) return 'allowed';
  if (!route.pattern.startsWith('/certifications/:id')) return 'hidden';
  if (!scope.certificationIds.includes(route.params.id ?? '')) return 'hidden';
  const validAt = route.query.validAt;
  if (typeof validAt === 'string') {
    const day = validAt.slice(0, 10);
    if (day < scope.windowFrom || day > scope.windowTo) return 'hidden';
  }
  return 'allowed';
}

/**
 * The business date an engagement token reads its certifications on when it
 * names none: the end of the observation window, or today while the window
 * is still open. Facts dated after the window stay out of its answers.
 */
export function engagementValidAt(scope: EngagementScope, now: Date): string {
  const today = now.toISOString().slice(0, 10);
  return today < scope.windowTo ? today : scope.windowTo;
}

/**
 * The engagement a provider-signed auditor is bound to (decision 0036): the
 * latest opened one still lasting, or, when all have ended, the latest (so
 * the guard answers that it ended: an auditor named by an engagement never
 * falls back to reading everything). Null when no engagement names them.
 */
export function signInEngagement(engagements: readonly { engagementId: string; scope: EngagementScope }[], now: Date): string | null {
  const lasting = engagements.filter((e) => Date.parse(e.scope.accessUntil) > now.getTime());
  return (lasting.at(-1) ?? engagements.at(-1))?.engagementId ?? null;
}
