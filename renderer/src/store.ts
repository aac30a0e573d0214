import { create } from 'zustand';

export type Screen =
  | 'dashboard' | 'pupils' | 'aesh' | 'schools' | 'poles' | 'timetables' | 'alerts' | 'exchange' | 'settings';

export const SCREENS: readonly { id: Screen; label: string }[] = [
  { id: 'dashboard', label: 'Tableau de bord' },
  { id: 'pupils', label: 'Élèves' },
  { id: 'aesh', label: 'AESH' },
  { id: 'schools', label: 'Établissements' },
  { id: 'poles', label: 'Pôles' },
  { id: 'timetables', label: 'Emplois du temps' },
  { id: 'alerts', label: 'Alertes' },
  { id: 'exchange', label: 'Import / Export' },
  { id: 'settings', label: 'Paramètres' },
];

interface Toast { id: number; text: string; tone: 'success' | 'error' }

interface UiState {
  screen: Screen;
  /** Bumped after every change to the record, so that every list on screen reloads. */
  revision: number;
  toasts: Toast[];
  go(screen: Screen): void;
  changed(): void;
  notify(text: string, tone?: Toast['tone']): void;
  dismiss(id: number): void;
}

let nextToast = 1;

export const useUi = create<UiState>((set) => ({
  screen: 'dashboard',
  revision: 0,
  toasts: [],
  go: (screen) => set({ screen }),
  changed: () => set((state) => ({ revision: state.revision + 1 })),
  notify: (text, tone = 'success') => {
    const id = nextToast++;
    // The last three are enough to confirm what just happened without covering the panel.
    set((state) => ({ toasts: [...state.toasts.slice(-2), { id, text, tone }] }));
    setTimeout(() => set((state) => ({ toasts: state.toasts.filter((t) => t.id !== id) })), 4000);
  },
  dismiss: (id) => set((state) => ({ toasts: state.toasts.filter((t) => t.id !== id) })),
}));
