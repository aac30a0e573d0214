// Undo and redo of the timetable editor. The steps are changes of the record's journal (undoing
// one writes its inverse as a new change, which redo undoes in turn), so they survive a change of
// screen and cannot drift from what the record holds. Kept in a global store, outside any screen.
import { create } from 'zustand';
import type { ApiCall } from '../../../shared/api/contract.ts';

export interface Step {
  changeId: number;
  /** What the change did, in French: "Créneau déplacé", "Semaine copiée"… */
  label: string;
}

const KEPT = 100;

interface History {
  done: Step[];
  undone: Step[];
  record(step: Step): void;
  undo(api: ApiCall): Promise<Step | null>;
  redo(api: ApiCall): Promise<Step | null>;
}

type Stack = 'done' | 'undone';

export const useHistory = create<History>((set, get) => {
  /** Undoes the newest step of `from` through the journal; its inverse goes on top of `to`. */
  const reverse = async (api: ApiCall, from: Stack, to: Stack): Promise<Step | null> => {
    const step = get()[from].at(-1);
    if (step === undefined) return null;
    const { changeId } = await api('journal.undo', { changeId: step.changeId });
    set((state) => ({ [from]: state[from].slice(0, -1), [to]: [...state[to], { changeId, label: step.label }] }));
    return step;
  };
  return {
    done: [],
    undone: [],
    record: (step) => set((state) => ({ done: [...state.done.slice(-(KEPT - 1)), step], undone: [] })),
    undo: (api) => reverse(api, 'done', 'undone'),
    redo: (api) => reverse(api, 'undone', 'done'),
  };
});
