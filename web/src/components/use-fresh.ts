import { useRef, useState } from 'preact/hooks';
import { useLoad, type Loaded } from './use-load';

/**
 * What a page of forms reads, read again after each command at least up to
 * the command's position (minPosition), so that the page shows what was just
 * recorded. `round` changes at each reload: the forms' targets read their
 * revision again.
 */
export function useFresh<T>(load: (minPosition: string | undefined) => Promise<T>, key: string) {
  const minPosition = useRef<string | undefined>(undefined);
  const [round, setRound] = useState(0);
  const [loaded, reload] = useLoad(() => load(minPosition.current), key);
  const refresh = () => (reload(), setRound((n) => n + 1));
  const recorded = ({ position }: { position: string | null }) => {
    minPosition.current = position ?? minPosition.current;
    refresh();
  };
  return { loaded: loaded as Loaded<T>, round, recorded, refresh };
}
