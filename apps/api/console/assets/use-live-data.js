import { useCallback, useEffect, useRef, useState } from '../vendor/hooks.mjs';
import { onLiveEvent } from './live-events.js';

const DEBOUNCE_MS = 120;

/** Loads with `load()`, then again whenever a live event passes `isRelevant` (bursts coalesced). */
export function useLiveData(load, isRelevant, deps) {
  const [state, setState] = useState({ data: undefined, error: undefined });
  const timer = useRef();
  const reload = useCallback(() => {
    load().then(
      (data) => setState({ data, error: undefined }),
      (error) => setState((previous) => ({ data: previous.data, error })),
    );
  }, deps);

  useEffect(() => {
    reload();
    const unsubscribe = onLiveEvent((event) => {
      if (!isRelevant(event)) return;
      clearTimeout(timer.current);
      timer.current = setTimeout(reload, DEBOUNCE_MS);
    });
    return () => {
      unsubscribe();
      clearTimeout(timer.current);
    };
  }, [reload]);

  return { ...state, reload };
}
