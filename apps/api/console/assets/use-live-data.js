import { useCallback, useEffect, useRef, useState } from '../vendor/hooks.mjs';
import { onLiveEvent } from './live-events.js';

const DEBOUNCE_MS = 120;
// The read model follows the log a moment after the event is streamed: read once more when it has settled.
const SETTLE_MS = 1000;

/** Loads with `load()`, then again whenever a live event passes `isRelevant` (bursts coalesced). */
export function useLiveData(load, isRelevant, deps) {
  const [state, setState] = useState({ data: undefined, error: undefined });
  const timers = useRef({});
  const reload = useCallback(() => {
    load().then(
      (data) => setState({ data, error: undefined }),
      (error) => setState((previous) => ({ data: previous.data, error })),
    );
  }, deps);

  useEffect(() => {
    reload();
    const clear = () => Object.values(timers.current).forEach(clearTimeout);
    const unsubscribe = onLiveEvent((event) => {
      if (!isRelevant(event)) return;
      clear();
      timers.current = { soon: setTimeout(reload, DEBOUNCE_MS), settled: setTimeout(reload, SETTLE_MS) };
    });
    return () => {
      unsubscribe();
      clear();
    };
  }, [reload]);

  return { ...state, reload };
}
