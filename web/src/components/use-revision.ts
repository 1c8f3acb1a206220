import { useEffect, useState } from 'preact/hooks';
import { answer, api } from '../api/client';

/**
 * The revision of `stream` as it is now, read again whenever `round` changes:
 * the If-Match a form on that stream sends. Null while it loads, or when no
 * stream is chosen.
 */
export function useRevision(stream: string | null, round: number): number | null {
  const [revision, setRevision] = useState<number | null>(null);
  useEffect(() => {
    if (!stream) return setRevision(null);
    let current = true;
    answer(api.GET('/streams/{stream}', { params: { path: { stream }, query: { limit: 1 } } })).then(
      (read) => current && setRevision(read.revision),
      () => current && setRevision(null),
    );
    return () => {
      current = false;
    };
  }, [stream, round]);
  return revision;
}
