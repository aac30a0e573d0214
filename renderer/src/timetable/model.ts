// What each view of the editor shows, read from one analysis of the pôle's workspace: the lanes,
// the slots in them with their conflicts, the shaded school hours, the pupils still to serve.
import type { SlotOperation } from '../../../shared/api/contract.ts';
import { formatDate } from '../../../shared/domain/dates.ts';
import { SLOT_NATURE_LABELS, WEEKDAYS, type Weekday } from '../../../shared/domain/enums.ts';
import type { TimeRange, WeekGrid } from '../../../shared/domain/grid.ts';
import { byFrench } from '../../../shared/domain/collate.ts';
import { assertNever } from '../../../shared/domain/never.ts';
import type { Analysis, PupilCoverage } from '../../../shared/gaps/analysis.ts';
import type { EngineAesh, EnginePupil, EngineSlot } from '../../../shared/gaps/record.ts';
import type { Gap } from '../../../shared/gaps/types.ts';
import { uncoveredLength } from '../../../shared/gaps/week.ts';
import type { TimetablePlace } from '../store.ts';
import type { GridSlot, Lane } from './WeekGrid.tsx';

/** The id of a slot drafted in the editor and not yet written. */
export const NEW_SLOT = -1;

export type View = TimetablePlace['view'];
export const VIEW_LABELS: Record<View, string> = { aesh: 'Un AESH', school: 'Un établissement', pupil: 'Un élève' };

export interface ViewModel {
  days: Weekday[];
  lanes: Lane[];
  slots: GridSlot[];
  grid: WeekGrid;
}

/** An AESH's or a pupil's name as the grid and the panels show it. */
export const fullName = (person: { firstName: string; lastName: string }): string => `${person.firstName} ${person.lastName}`;
/** First name and initial: what a printed timetable shows of a pupil, and a replacement of whom it replaces. */
export const pupilShort = (p: Pick<EnginePupil, 'firstName' | 'lastName'>): string => `${p.firstName} ${p.lastName.slice(0, 1)}.`;

export function conflictsBySlot(gaps: readonly Gap[]): Map<number, Gap[]> {
  const bySlot = new Map<number, Gap[]>();
  for (const gap of gaps) for (const id of gap.slotIds) bySlot.set(id, [...bySlot.get(id) ?? [], gap]);
  return bySlot;
}

function validity(slot: EngineSlot): string {
  if (slot.validFrom === null && slot.validTo === null) return '';
  return ` · du ${formatDate(slot.validFrom) || '…'} au ${formatDate(slot.validTo) || '…'}`;
}

/**
 * Who replaces whom this week, by slot: an absent AESH's slot reads "remplacé(e) par Paul R.", a
 * replacement "remplace Sophie D.". A replacement is a dated slot (it ends) of another AESH on
 * the same day, overlapping the absent slot's time, with one of its pupils.
 */
export function replacementLinks(analysis: Analysis): Map<number, string> {
  const names = new Map<number, string[]>();
  const add = (slotId: number, text: string): void => {
    const list = names.get(slotId) ?? [];
    if (!list.includes(text)) names.set(slotId, [...list, text]);
  };
  const short = (aeshId: number): string => {
    const aesh = analysis.aeshById.get(aeshId);
    return aesh === undefined ? '?' : pupilShort(aesh);
  };
  const replacements = analysis.weekSlots.filter((s) => s.validTo !== null && !analysis.absentSlots.has(s.id));
  for (const absent of analysis.weekSlots) {
    if (!analysis.absentSlots.has(absent.id)) continue;
    for (const r of replacements) {
      if (r.aeshId === absent.aeshId || r.weekday !== absent.weekday || r.startMinute >= absent.endMinute || absent.startMinute >= r.endMinute) continue;
      if (!r.pupilIds.some((id) => absent.pupilIds.includes(id))) continue;
      add(absent.id, short(r.aeshId));
      add(r.id, short(absent.aeshId));
    }
  }
  return new Map([...names].map(([slotId, list]) => [slotId, `${analysis.absentSlots.has(slotId) ? 'remplacé(e) par' : 'remplace'} ${list.join(', ')}`]));
}

const aeshLane = (a: EngineAesh): Lane => ({ key: `a${a.id}`, label: fullName(a), aeshId: a.id });

/** The slots of the week for one view, with its lanes. `extraAesh` adds empty lanes (school view). */
export function buildView(analysis: Analysis, conflicts: Map<number, Gap[]>, view: View, focusId: number, extraAesh: readonly number[], gridSchoolId: number | null): ViewModel {
  const pupils = (slot: EngineSlot): string => slot.pupilIds.map((id) => analysis.pupilById.get(id)).filter((p) => p !== undefined).map(pupilShort).join(', ');
  const nature = (slot: EngineSlot): string => (slot.nature === 'accompaniment' ? '' : SLOT_NATURE_LABELS[slot.nature]);
  const schoolName = (slot: EngineSlot): string => analysis.schoolById.get(slot.schoolId)?.name ?? '?';
  const links = replacementLinks(analysis);
  const item = (slot: EngineSlot, lane: string, title: string, detail: string): GridSlot => ({
    slot, lane, title, detail: `${detail}${validity(slot)}`, conflicts: conflicts.get(slot.id) ?? [], absent: analysis.absentSlots.has(slot.id),
    replacement: links.get(slot.id),
  });
  let lanes: Lane[];
  let slots: GridSlot[];
  let schoolId = gridSchoolId;
  switch (view) {
    case 'aesh': {
      const aesh = analysis.aeshById.get(focusId);
      lanes = aesh ? [aeshLane(aesh)] : [];
      slots = analysis.weekSlots.filter((s) => s.aeshId === focusId).map((s) => item(s, `a${focusId}`, schoolName(s), [nature(s), pupils(s)].filter(Boolean).join(' · ')));
      schoolId ??= slots[0]?.slot.schoolId ?? null;
      break;
    }
    case 'school': {
      const here = analysis.weekSlots.filter((s) => s.schoolId === focusId);
      const ids = new Set([...here.map((s) => s.aeshId), ...extraAesh]);
      lanes = [...ids].map((id) => analysis.aeshById.get(id)).filter((a) => a !== undefined).sort(byFrench(fullName)).map(aeshLane);
      slots = here.map((s) => item(s, `a${s.aeshId}`, pupils(s) || nature(s), [nature(s) && pupils(s) ? nature(s) : '', fullName(analysis.aeshById.get(s.aeshId)!)].filter(Boolean).join(' · ')));
      schoolId = focusId;
      break;
    }
    case 'pupil': {
      const pupil = analysis.pupilById.get(focusId);
      lanes = pupil ? [{ key: 'pupil', label: fullName(pupil), aeshId: null }] : [];
      slots = analysis.weekSlots.filter((s) => s.pupilIds.includes(focusId)).map((s) => {
        const aesh = analysis.aeshById.get(s.aeshId);
        return item(s, 'pupil', aesh ? fullName(aesh) : '?', [nature(s), schoolName(s)].filter(Boolean).join(' · '));
      });
      schoolId = pupil?.schoolId ?? gridSchoolId;
      break;
    }
    default:
      return assertNever(view, 'vue');
  }
  const grid = (schoolId === null ? undefined : analysis.schoolById.get(schoolId)?.grid) ?? {};
  const saturday = grid[6] !== undefined || slots.some((s) => s.slot.weekday === 6);
  return { days: WEEKDAYS.filter((d) => d !== 6 || saturday), lanes, slots, grid };
}

export const shadingOf = (grid: WeekGrid) => (weekday: Weekday): readonly TimeRange[] => grid[weekday] ?? [];

/** A pupil whose notified support is not (fully) scheduled, or lost to an absence this week. */
export interface ToServe {
  coverage: PupilCoverage;
  missingMinutes: number;
  reason: string;
  /** For a pupil losing time to an absence: the absent AESH's first slot nobody covers, which
   * placing the pupil replaces for that day (never with the absent AESH). */
  absentSlot: EngineSlot | null;
}

/** Whether part of a slot's time goes without any present AESH for pupil `c` that day. */
const missedBy = (c: PupilCoverage, slot: EngineSlot): boolean => uncoveredLength([slot.startMinute, slot.endMinute], c.presentCover.get(slot.weekday) ?? []) > 0;

/** Whether an absent AESH's slot leaves one of its pupils without anyone for part of it: a replacement is still wanted. */
export function awaitsReplacement(analysis: Analysis, slot: EngineSlot): boolean {
  return analysis.absentSlots.has(slot.id) && slot.pupilIds.some((id) => {
    const c = analysis.coverageByPupil.get(id);
    return c !== undefined && missedBy(c, slot);
  });
}

/** The first of the pupil's slots this week whose AESH is absent that day and that no present AESH covers in full. */
function uncoveredAbsence(analysis: Analysis, c: PupilCoverage): EngineSlot | null {
  return c.slots.find((s) => analysis.absentSlots.has(s.id) && missedBy(c, s)) ?? null;
}

/**
 * A replacement for `absent` (a slot whose AESH is away on that day of the week shown): a new
 * slot of `aeshId` (0 while the coordinator chooses), the same school, time and pupils, valid on
 * that day only. The absent AESH's weekly slot is left as it is, so she finds her pupils again
 * the day she is back.
 */
export function replacementOf(analysis: Analysis, absent: EngineSlot, aeshId: number): EngineSlot {
  const day = analysis.week[absent.weekday];
  return { ...absent, id: NEW_SLOT, aeshId, validFrom: day, validTo: day };
}

export function pupilsToServe(analysis: Analysis, schoolIds: ReadonlySet<number>): ToServe[] {
  const list: ToServe[] = [];
  for (const c of analysis.pupils) {
    const n = c.notification;
    if (n === null || !schoolIds.has(c.school.id)) continue;
    if (c.plannedMinutes === 0) list.push({ coverage: c, missingMinutes: n.weeklyMinutes ?? 0, reason: 'sans AESH', absentSlot: null });
    else if (n.kind === 'individual' && n.weeklyMinutes !== null && c.plannedMinutes < n.weeklyMinutes) list.push({ coverage: c, missingMinutes: n.weeklyMinutes - c.plannedMinutes, reason: 'heures manquantes', absentSlot: null });
    else if (c.deliveredMinutes < c.plannedMinutes) list.push({ coverage: c, missingMinutes: c.plannedMinutes - c.deliveredMinutes, reason: 'absence non remplacée', absentSlot: uncoveredAbsence(analysis, c) });
  }
  return list.sort((a, b) => b.missingMinutes - a.missingMinutes || byFrench<ToServe>((t) => fullName(t.coverage.pupil))(a, b));
}

/**
 * The update of a slot of the record, with the version the editor read it at: the record refuses it
 * once another tab has changed the slot. A slot read from the record always has one; without it
 * the update is refused as one with no version.
 */
export function slotUpdate(slot: EngineSlot): SlotOperation {
  return { kind: 'update', slot: { ...slotInput(slot), id: slot.id, version: slot.version ?? 0 } };
}

/** The API's input for a slot as the engine holds it. */
export function slotInput(slot: EngineSlot): Extract<SlotOperation, { kind: 'create' }>['slot'] {
  return {
    aeshId: slot.aeshId, schoolId: slot.schoolId, weekday: slot.weekday, startMinute: slot.startMinute, endMinute: slot.endMinute,
    nature: slot.nature, pupilIds: slot.pupilIds, validFrom: slot.validFrom, validTo: slot.validTo,
  };
}
