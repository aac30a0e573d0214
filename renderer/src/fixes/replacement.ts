// "Trouver un remplaçant": the slots an absent AESH leaves this week, and the pôle's AESH ranked
// for them. The ranking is the editor's suggestion ranking (shared/timetable/suggest.ts: free at
// that time, hours left, same school, journey, skills) summed over the absent slots, ahead of
// which come the time each AESH could take and whether they already know the pupils.
import type { SlotOperation } from '../../../shared/api/contract.ts';
import { workedMinutes, type Analysis } from '../../../shared/gaps/analysis.ts';
import type { EngineAesh, EngineSlot } from '../../../shared/gaps/record.ts';
import { suggestAesh } from '../../../shared/timetable/suggest.ts';
import { awaitsReplacement, pupilShort, replacementOf, slotInput } from '../timetable/model.ts';

/** The absent AESH's slots of the week shown that leave a pupil without anyone: accompaniment first in time. */
export function slotsToReplace(analysis: Analysis, aeshId: number): EngineSlot[] {
  return analysis.weekSlots
    .filter((s) => s.aeshId === aeshId && s.nature === 'accompaniment' && awaitsReplacement(analysis, s))
    .sort((a, b) => a.weekday - b.weekday || a.startMinute - b.startMinute);
}

export interface Replacer {
  aesh: EngineAesh;
  /** The absent slots this AESH can take: free then, within the contract's hours left for all of them. */
  takes: EngineSlot[];
  minutes: number;
  /** Pupils of the absent slots this AESH already accompanies: continuity for them. */
  knows: string[];
  reasons: string[];
  score: number;
}

export function rankReplacers(analysis: Analysis, poleId: number, slots: readonly EngineSlot[]): Replacer[] {
  const byAesh = new Map<number, Replacer>();
  const absent = new Set(slots.map((s) => s.aeshId));
  for (const slot of slots) {
    const wanted = { poleId, pupilId: slot.pupilIds[0] ?? null, schoolId: slot.schoolId, weekday: slot.weekday, startMinute: slot.startMinute, endMinute: slot.endMinute, slotId: null };
    for (const s of suggestAesh(analysis, wanted, Infinity)) {
      if (absent.has(s.aesh.id)) continue;
      const replacer = byAesh.get(s.aesh.id) ?? { aesh: s.aesh, takes: [], minutes: 0, knows: [], reasons: [], score: 0 };
      replacer.score += s.score;
      for (const reason of s.reasons) if (!replacer.reasons.includes(reason)) replacer.reasons.push(reason);
      if (s.fits) replacer.takes.push(slot);
      byAesh.set(s.aesh.id, replacer);
    }
  }
  const pupilIds = new Set(slots.flatMap((s) => s.pupilIds));
  for (const replacer of byAesh.values()) {
    const load = analysis.loads.find((l) => l.aesh.id === replacer.aesh.id);
    // Each slot fits the contract alone; together they must too, first in time first.
    let left = load?.contract ? load.contract.weeklyMinutes - workedMinutes(load) : 0;
    replacer.takes = replacer.takes.filter((slot) => {
      const length = slot.endMinute - slot.startMinute;
      if (length > left) return false;
      left -= length;
      return true;
    });
    replacer.minutes = replacer.takes.reduce((sum, s) => sum + s.endMinute - s.startMinute, 0);
    const known = new Set(analysis.weekSlots.filter((s) => s.aeshId === replacer.aesh.id).flatMap((s) => s.pupilIds.filter((id) => pupilIds.has(id))));
    replacer.knows = [...known].map((id) => analysis.pupilById.get(id)).filter((p) => p !== undefined).map(pupilShort);
  }
  return [...byAesh.values()].sort((a, b) => b.minutes - a.minutes || b.knows.length - a.knows.length || b.score - a.score);
}

/** The replacement slots of `aeshId` for the absent slots it takes: each valid on its day only; the absent AESH's weekly slots untouched. */
export function replacementOperations(analysis: Analysis, slots: readonly EngineSlot[], aeshId: number): SlotOperation[] {
  return slots.map((slot) => ({ kind: 'create', slot: slotInput(replacementOf(analysis, slot, aeshId)) }));
}
