import { useEffect, useRef, useState } from 'preact/hooks';
import { ProblemError, type Problem } from '../api/client';

export type Loaded<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'failed'; problem: Problem };

/** Loads once per change of `key` (the URL's parameters); a late answer for an old key is dropped. */
export function useLoad<T>(load: () => Promise<T>, key: string): [Loaded<T>, () => void] {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const [round, setRound] = useState(0);
  const lastKey = useRef(key);
  useEffect(() => {
    let current = true;
    // A reload of the same view keeps showing it (and the forms in it, with their entries) until the answer comes.
    if (lastKey.current !== key) setLoaded({ state: 'loading' });
    lastKey.current = key;
    load().then(
      (value) => current && setLoaded({ state: 'ready', value }),
      (error: unknown) =>
        current &&
        setLoaded({
          state: 'failed',
          problem: error instanceof ProblemError ? error.problem : { type: 'about:blank', title: 'Network error', status: 0, detail: String(error) },
        }),
    );
    return () => {
      current = false;
    };
  }, [key, round]);
  return [loaded, () => setRound((n) => n + 1)];
}
