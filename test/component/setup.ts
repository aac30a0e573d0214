import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { useUi } from '../../renderer/src/store.ts';

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

const initial = useUi.getState();
afterEach(() => {
  cleanup();
  useUi.setState(initial, true);
});
