// The draft in the week grid: the slots a proposal adds, drawn as ghosts in the lanes of the view
// (one AESH, one school, one pupil), and the slots its re-planning ends or removes, marked.
import { formatDate, type IsoDate } from '../../../shared/domain/dates.ts';
import type { Weekday } from '../../../shared/domain/enums.ts';
import type { GridSlot } from '../timetable/WeekGrid.tsx';
import type { View } from '../timetable/model.ts';
import type { Proposal, ProposedSlot } from './store.ts';

/** Ghost ids: negative like every slot not in the record, below the editor's own draft (-1). */
const ghostId = (index: number): number => -2 - index;

/**
 * Whether a proposed slot runs in the week shown: a replacement runs on its day only; a weekly
 * slot is drawn in every week up to the one it starts in, as the week it proposes.
 */
function runsIn(slot: ProposedSlot, week: Record<Weekday, IsoDate>): boolean {
  return (slot.validTo === null || slot.validTo >= week[slot.weekday]) && slot.validFrom <= week[6];
}

function placeIn(slot: ProposedSlot, view: View, focusId: number): { lane: string; title: string; detail: string } | null {
  const pupils = slot.pupilNames.join(', ');
  switch (view) {
    case 'aesh': return slot.aeshId === focusId ? { lane: `a${focusId}`, title: slot.schoolName, detail: pupils } : null;
    case 'school': return slot.schoolId === focusId ? { lane: `a${slot.aeshId}`, title: pupils, detail: slot.aeshName } : null;
    case 'pupil': return slot.pupilIds.includes(focusId) ? { lane: 'pupil', title: slot.aeshName, detail: slot.schoolName } : null;
  }
}

/** The proposal's slots for one view of the week, as ghosts of the grid. */
export function ghostSlots(proposal: Proposal, chosen: readonly string[], view: View, focusId: number, week: Record<Weekday, IsoDate>): GridSlot[] {
  return proposal.slots.flatMap((slot, index) => {
    const place = runsIn(slot, week) ? placeIn(slot, view, focusId) : null;
    if (place === null) return [];
    const validity = slot.validTo !== null ? ` · le ${formatDate(slot.validTo)}` : ` · dès le ${formatDate(slot.validFrom)}`;
    return [{
      slot: {
        id: ghostId(index), aeshId: slot.aeshId, schoolId: slot.schoolId, weekday: slot.weekday, startMinute: slot.start, endMinute: slot.end,
        nature: slot.nature, pupilIds: slot.pupilIds, validFrom: slot.validFrom, validTo: slot.validTo,
      },
      lane: place.lane, title: place.title, detail: `${place.detail}${validity}`, conflicts: [], absent: false,
      proposal: { kind: 'new', note: slot.reason, chosen: chosen.includes(slot.key) },
    }];
  });
}

/** The AESH of the school view's ghosts: each needs a lane, even one with no slot there yet. */
export function ghostAesh(proposal: Proposal, schoolId: number): number[] {
  return [...new Set(proposal.slots.filter((s) => s.schoolId === schoolId).map((s) => s.aeshId))];
}

/** The grid's slots with the ones the re-planning ends (the day before the proposal's date) or removes marked. */
export function markReplanned(slots: readonly GridSlot[], proposal: Proposal): GridSlot[] {
  const ending = new Map(proposal.ended.map((e) => [e.slotId, e.validTo]));
  const removed = new Set(proposal.removed);
  return slots.map((item) => {
    const validTo = ending.get(item.slot.id);
    if (validTo !== undefined) return { ...item, proposal: { kind: 'ending', note: `dernier jour le ${formatDate(validTo)}`, chosen: true } };
    if (removed.has(item.slot.id)) return { ...item, proposal: { kind: 'removed', note: 'retiré par la proposition', chosen: true } };
    return item;
  });
}
