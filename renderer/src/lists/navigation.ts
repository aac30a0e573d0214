// Each change of screen is an entry in the browser's history holding the screen and its list as
// it stood: Back returns to the previous screen as it was left, with its search, filters, order
// and scroll position (the other lists keep their latest state). The address does not change:
// browser mode's `#token=` has already been read and removed from it (api.ts) before the app starts.
import { useEffect } from 'react';
import { useUi, type ListView, type Screen } from '../store.ts';

interface Entry {
  planif: true;
  screen: Screen;
  list: ListView | undefined;
}

const isEntry = (state: unknown): state is Entry => typeof state === 'object' && state !== null && (state as Entry).planif === true;

/** Browsers limit how often the history may be written: scrolling reaches it once at rest. */
const SETTLE_MS = 300;

export function useHistorySync(): void {
  useEffect(() => {
    const entry = (screen: Screen): Entry => ({ planif: true, screen, list: useUi.getState().lists[screen] });
    const write = (): void => history.replaceState(entry(useUi.getState().screen), '');
    write();
    let settle: ReturnType<typeof setTimeout> | undefined;
    let restoring = false;
    const unsubscribe = useUi.subscribe((state, previous) => {
      if (restoring) return;
      if (state.screen !== previous.screen) {
        clearTimeout(settle);
        // The entry left keeps its list as it was when leaving.
        history.replaceState(entry(previous.screen), '');
        history.pushState(entry(state.screen), '');
        return;
      }
      const [now, before] = [state.lists[state.screen], previous.lists[state.screen]];
      if (now === before) return;
      clearTimeout(settle);
      const scrolledOnly = now !== undefined && before !== undefined && now.query === before.query && now.filters === before.filters && now.sorting === before.sorting;
      if (scrolledOnly) settle = setTimeout(write, SETTLE_MS);
      else write();
    });
    const onPop = (event: PopStateEvent): void => {
      if (!isEntry(event.state)) return;
      restoring = true;
      useUi.getState().restore(event.state.screen, event.state.list);
      restoring = false;
    };
    window.addEventListener('popstate', onPop);
    return () => {
      unsubscribe();
      clearTimeout(settle);
      window.removeEventListener('popstate', onPop);
    };
  }, []);
}
