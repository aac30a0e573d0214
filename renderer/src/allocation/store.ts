// Where the allocation assistant stands: its options, the job running, the draft under review.
// Kept in a global store, outside any screen, because one proposal is started in Répartition and
// reviewed in Emplois du temps (its ghost slots are drawn there), and because the job keeps
// running on the services' side while the user changes screen.
import { create } from 'zustand';
import type { ApiOutput, ParsedInput } from '../../../shared/api/contract.ts';
import type { IsoDate } from '../../../shared/domain/dates.ts';

export type JobId = ApiOutput<'allocation.start'>['jobId'];
export type Proposal = ApiOutput<'allocation.result'>;
export type ProposedSlot = Proposal['slots'][number];
/** What the user chooses before a run: everything `allocation.start` takes but the pôles. */
export type Choices = Omit<ParsedInput<'allocation.start'>, 'poleIds' | 'timeLimitSeconds'>;

export type Stage =
  | { kind: 'closed' }
  | { kind: 'options' }
  /** "Qui peut accompagner cet élève ?": the ranked AESH for one pupil. */
  | { kind: 'candidates'; pupilId: number; schoolId: number }
  | { kind: 'running'; jobId: JobId }
  /**
   * The proposal under review; `chosen` holds the keys of the slots to accept. After a partial
   * acceptance it holds what is left, and `accepted` counts the slots already written from it.
   */
  | { kind: 'draft'; jobId: JobId; proposal: Proposal; chosen: readonly string[]; accepted: number }
  /** Cancelled, failed or discarded: what happened, and that nothing was written. */
  | { kind: 'ended'; message: string };

interface Assistant {
  poleIds: number[];
  /** What the panel is about, in French: "Répartition — PIAL-APT", "Remplaçants de Sophie Durand"… */
  title: string;
  choices: Choices;
  /** How each pinned slot reads ("lundi 8 h 30 – 11 h 30, Sophie Durand"), as the editor described it when pinning. */
  pinnedLabels: Record<number, string>;
  stage: Stage;
  /** Opens the options for these pôles; pins and exclusions are kept while the pôles are the same. */
  configure(poleIds: readonly number[], title: string, date: IsoDate): void;
  choose(patch: Partial<Choices>): void;
  /** "Épingler ce créneau": the slot stays where it is when the pôle's week is re-planned. */
  pinSlot(poleId: number, title: string, date: IsoDate, slotId: number, label: string): void;
  ask(pupilId: number, schoolId: number, title: string): void;
  run(jobId: JobId, title?: string, poleIds?: readonly number[]): void;
  review(jobId: JobId, proposal: Proposal, accepted?: number): void;
  select(chosen: readonly string[]): void;
  end(message: string): void;
  close(): void;
}

const freshChoices = (date: IsoDate): Choices => ({ date, replan: false, excludedAeshIds: [], excludedPupilIds: [], pinnedPairs: [], pinnedSlotIds: [] });
const samePoles = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((id) => b.includes(id));

export const useAssistant = create<Assistant>((set, get) => ({
  poleIds: [],
  title: '',
  choices: freshChoices(''),
  pinnedLabels: {},
  stage: { kind: 'closed' },
  configure: (poleIds, title, date) => {
    const { choices, poleIds: before } = get();
    set({
      poleIds: [...poleIds], title, stage: { kind: 'options' },
      choices: samePoles(poleIds, before) ? { ...choices, date } : freshChoices(date),
    });
  },
  choose: (patch) => set((state) => ({ choices: { ...state.choices, ...patch } })),
  pinSlot: (poleId, title, date, slotId, label) => {
    const { stage, poleIds } = get();
    const same = samePoles(poleIds, [poleId]);
    // While a run or a draft is under way, the pin waits for the next run (of the same pôle)
    // rather than drop the proposal the user is looking at.
    const busy = stage.kind === 'running' || stage.kind === 'draft';
    if (busy && !same) return;
    if (!busy && (stage.kind !== 'options' || !same)) get().configure([poleId], title, date);
    const { choices, pinnedLabels } = get();
    if (!choices.pinnedSlotIds.includes(slotId)) set({ choices: { ...choices, pinnedSlotIds: [...choices.pinnedSlotIds, slotId] }, pinnedLabels: { ...pinnedLabels, [slotId]: label } });
  },
  ask: (pupilId, schoolId, title) => set({ title, stage: { kind: 'candidates', pupilId, schoolId } }),
  run: (jobId, title, poleIds) => set((state) => ({ stage: { kind: 'running', jobId }, title: title ?? state.title, poleIds: poleIds ? [...poleIds] : state.poleIds })),
  review: (jobId, proposal, accepted = 0) => set({ stage: { kind: 'draft', jobId, proposal, chosen: proposal.slots.map((s) => s.key), accepted } }),
  select: (chosen) => set((state) => (state.stage.kind === 'draft' ? { stage: { ...state.stage, chosen } } : {})),
  end: (message) => set({ stage: { kind: 'ended', message } }),
  close: () => set({ stage: { kind: 'closed' } }),
}));
