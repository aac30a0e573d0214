import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';
import { useUi } from '../../renderer/src/store.ts';
import { useHistory } from '../../renderer/src/timetable/history.ts';

// jsdom has no layout engine: every box measures 0 px, so a virtual list would show no row. Give
// boxes the size of a laptop window's list pane, and a ResizeObserver that never fires.
for (const [property, size] of [['clientHeight', 720], ['clientWidth', 1000]] as const) {
  Object.defineProperty(HTMLElement.prototype, property, { configurable: true, get: () => size });
}
class NoLayoutResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
globalThis.ResizeObserver ??= NoLayoutResizeObserver;

// CI runs these beside the crash and fuzz tests on two cores: findBy and waitFor wait up to 5 s
// for what a user would see, instead of 1 s.
configure({ asyncUtilTimeout: 5000 });

// Each test opens its own record: the global stores (screen, date, undo steps) start afresh.
const initial = useUi.getState();
const history = useHistory.getState();
afterEach(() => {
  cleanup();
  useUi.setState(initial, true);
  useHistory.setState(history, true);
});
