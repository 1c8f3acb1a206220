import { comparePositions, type EventStore, type Position } from '../event-store/event-store';
import { invalid } from '../shared/errors';
import { parsePoint, pointProblem } from '../shared/points-in-time';

/** Where a point names in the log: its position (null before the first event) and, when given as one, the instant. */
export interface ResolvedPoint {
  position: Position | null;
  instant: string | null;
}

/**
 * The position a user's `asOf` (or `from`, `to`, `--as-of`) names, refused
 * with a 400 naming `field` when it names no point that exists: not a
 * position or a strict instant, a position beyond the head of the log, or an
 * instant after `now`. (Read models that lag behind the log are waited for with
 * minPosition, itself a position the log holds.)
 */
export async function resolvePoint(store: EventStore, value: string, field: string, now: Date): Promise<ResolvedPoint> {
  const problem = pointProblem(value);
  if (problem !== null) throw invalid(field, problem);
  const point = parsePoint(value);
  if ('position' in point) {
    const head = (await store.headPosition()) ?? '0';
    if (comparePositions(point.position, head) > 0) {
      throw invalid(field, `position ${point.position} is beyond the head of the log (${head})`);
    }
    return { position: point.position, instant: null };
  }
  if (Date.parse(point.instant) > now.getTime()) throw invalid(field, `${value} is in the future; the log holds nothing after ${now.toISOString()}`);
  return { position: await store.positionAt(point.instant), instant: point.instant };
}
