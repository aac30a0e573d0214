import { create } from 'zustand';
import type { IsoDate } from '../../shared/domain/dates.ts';
import type { PlannedMove } from '../../shared/repartition/moves.ts';

export type Screen =
  | 'dashboard' | 'repartition' | 'pupils' | 'aesh' | 'schools' | 'poles' | 'timetables' | 'alerts' | 'saisines' | 'activity' | 'exchange'
  | 'settings';

export const SCREENS: readonly { id: Screen; label: string }[] = [
  { id: 'dashboard', label: 'Tableau de bord' },
  { id: 'repartition', label: 'Répartition' },
  { id: 'pupils', label: 'Élèves' },
  { id: 'aesh', label: 'AESH' },
  { id: 'schools', label: 'Établissements' },
  { id: 'poles', label: 'Pôles' },
  { id: 'timetables', label: 'Emplois du temps' },
  { id: 'alerts', label: 'Alertes' },
  // Shown only when the record has a PAS (App.tsx).
  { id: 'saisines', label: 'Saisines (PAS)' },
  { id: 'activity', label: 'Activité' },
  { id: 'exchange', label: 'Import / Export' },
  { id: 'settings', label: 'Paramètres' },
];

interface Toast { id: number; text: string; tone: 'success' | 'error' }

/** A record to open on arrival at a list screen (from an alert, a dashboard figure…). */
export interface Focus {
  screen: 'pupils' | 'aesh';
  id: number;
}

/** Where the timetable editor stands: kept here so that it survives a change of screen. */
export interface TimetablePlace {
  poleId: number | null;
  view: 'aesh' | 'school' | 'pupil';
  focusId: number | null;
}

/**
 * What the timetable editor opens once there, when a gap's fix sends the user to it (renderer/src/fixes):
 * the slot panel drafting a slot for a pupil with the AESH suggested, the replacements of an absent
 * AESH, or one slot with its conflicts.
 */
export type EditorOpening = { kind: 'place'; pupilId: number } | { kind: 'replace'; aeshId: number } | { kind: 'slot'; slotId: number };

/** A fix's way into the editor: the pôle, the view and whom it shows, the week (by a date in it), what to open. */
export interface FixIntent extends TimetablePlace {
  poleId: number;
  focusId: number;
  date: IsoDate;
  opening: EditorOpening | null;
}

/** A timetable to print instead of the app (A4 landscape, through the browser's print engine). */
export interface PrintRequest {
  kind: 'aesh' | 'school';
  poleId: number;
  id: number;
}

/**
 * What a list shows (renderer/src/lists): kept per screen, so that it survives a change of screen,
 * and copied into each browser history entry, so that Back brings it back.
 */
export interface ListView {
  query: string;
  /** The value chosen in each filter, by the filter's id; absent: all. */
  filters: Record<string, string>;
  sorting: { id: string; desc: boolean }[];
  /** Pixels scrolled from the top of the list. */
  scroll: number;
}
export type ListViews = Partial<Record<Screen, ListView>>;
export const EMPTY_LIST_VIEW: ListView = { query: '', filters: {}, sorting: [], scroll: 0 };

interface UiState {
  screen: Screen;
  lists: ListViews;
  setList(screen: Screen, view: Partial<ListView>): void;
  /** Back or Forward: the screen, and its list as that history entry left it. */
  restore(screen: Screen, view: ListView | undefined): void;
  timetable: TimetablePlace;
  printing: PrintRequest | null;
  focus: Focus | null;
  /** What the editor is to open on arrival, until it has (takeOpening). */
  opening: EditorOpening | null;
  /**
   * Today by the services' clock (`clock.today`), not the machine's: the analyses the services
   * make by default are for their day, and tests pin that clock. Empty until the shell has read it,
   * which it does before showing any screen.
   */
  today: IsoDate;
  /** The date the dashboard and the alerts are computed for: today unless the user picks another. */
  date: IsoDate;
  /** The moves tried in the Répartition's what-if mode (null when not simulating): kept across screens. */
  whatIf: PlannedMove[] | null;
  setWhatIf(moves: PlannedMove[] | null): void;
  /** Bumped after every change to the record, so that every list on screen reloads. */
  revision: number;
  toasts: Toast[];
  go(screen: Screen): void;
  setTimetable(place: Partial<TimetablePlace>): void;
  print(request: PrintRequest | null): void;
  setDate(date: IsoDate): void;
  /** Sets today, and the date to it: screens open on today. */
  startDay(today: IsoDate): void;
  open(focus: Focus): void;
  /** Goes to the editor where a fix sends it: place, week and what to open there. */
  fix(intent: FixIntent): void;
  takeOpening(): EditorOpening | null;
  takeFocus(screen: Screen): number | null;
  changed(): void;
  notify(text: string, tone?: Toast['tone']): void;
  dismiss(id: number): void;
}

let nextToast = 1;

export const useUi = create<UiState>((set, get) => ({
  screen: 'dashboard',
  lists: {},
  setList: (screen, view) => set((state) => ({ lists: { ...state.lists, [screen]: { ...EMPTY_LIST_VIEW, ...state.lists[screen], ...view } } })),
  restore: (screen, view) => set((state) => ({ screen, lists: view === undefined ? state.lists : { ...state.lists, [screen]: view } })),
  timetable: { poleId: null, view: 'aesh', focusId: null },
  printing: null,
  focus: null,
  opening: null,
  today: '',
  date: '',
  whatIf: null,
  setWhatIf: (whatIf) => set({ whatIf }),
  revision: 0,
  toasts: [],
  go: (screen) => set({ screen }),
  setTimetable: (place) => set((state) => ({ timetable: { ...state.timetable, ...place } })),
  print: (printing) => set({ printing }),
  setDate: (date) => set({ date }),
  startDay: (today) => set({ today, date: today }),
  open: (focus) => set({ screen: focus.screen, focus }),
  fix: ({ poleId, view, focusId, date, opening }) => set({ screen: 'timetables', timetable: { poleId, view, focusId }, date, opening }),
  takeOpening: () => {
    const { opening } = get();
    if (opening !== null) set({ opening: null });
    return opening;
  },
  takeFocus: (screen) => {
    const { focus } = get();
    if (focus === null || focus.screen !== screen) return null;
    set({ focus: null });
    return focus.id;
  },
  changed: () => set((state) => ({ revision: state.revision + 1 })),
  notify: (text, tone = 'success') => {
    const id = nextToast++;
    // The last three are enough to confirm what just happened without covering the panel.
    set((state) => ({ toasts: [...state.toasts.slice(-2), { id, text, tone }] }));
    setTimeout(() => set((state) => ({ toasts: state.toasts.filter((t) => t.id !== id) })), 4000);
  },
  dismiss: (id) => set((state) => ({ toasts: state.toasts.filter((t) => t.id !== id) })),
}));
