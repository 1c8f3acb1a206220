import { useEffect, useState } from 'preact/hooks';
import { answer, api } from '../api/client';

/**
 * The revision of `stream` as it is now, read again whenever `round` changes:
 * the If-Match a form on that stream sends. Null while it loads, or when no
 * stream is chosen. `setRevision` takes the revision a command on the stream
 * answered, so that the next form sent does not wait for the read.
 */
export function useRevision(stream: string | null, round: number): [number | null, (revision: number) => void] {
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
  return [revision, setRevision];
}
