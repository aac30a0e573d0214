// The part of the record a pôle's timetables depend on, for the editor to run the gaps engine on
// in the renderer: small enough to recompute on every drag frame, complete enough that every slot
// of the pôle is judged exactly as on the whole record.
import type { EngineRecord, EngineSlot } from '../gaps/record.ts';

/**
 * The pôle's schools and AESH; the AESH who work in its schools; every slot of those AESH (an
 * AESH's whole week decides overlaps, journeys and contract hours) and the schools they are at;
 * the pupils of those schools and the pupils those slots serve, with their notifications; the
 * AESH's contracts and absences.
 */
export function poleWorkspace(record: EngineRecord, poleId: number): EngineRecord {
  const poleSchools = new Set(record.schools.filter((s) => s.poleId === poleId).map((s) => s.id));
  const aeshIds = new Set(record.aesh.filter((a) => a.poleId === poleId).map((a) => a.id));
  for (const slot of record.slots) if (poleSchools.has(slot.schoolId)) aeshIds.add(slot.aeshId);
  const slots = record.slots.filter((s) => aeshIds.has(s.aeshId));
  const schoolIds = new Set([...poleSchools, ...slots.map((s) => s.schoolId)]);
  const pupilIds = new Set(record.pupils.filter((p) => poleSchools.has(p.schoolId)).map((p) => p.id));
  for (const slot of slots) for (const id of slot.pupilIds) pupilIds.add(id);
  return {
    poles: record.poles,
    schools: record.schools.filter((s) => schoolIds.has(s.id)),
    pupils: record.pupils.filter((p) => pupilIds.has(p.id)),
    notifications: record.notifications.filter((n) => pupilIds.has(n.pupilId)),
    aesh: record.aesh.filter((a) => aeshIds.has(a.id)),
    contracts: record.contracts.filter((c) => aeshIds.has(c.aeshId)),
    absences: record.absences.filter((a) => aeshIds.has(a.aeshId)),
    slots,
    moves: record.moves.filter((m) => aeshIds.has(m.aeshId)),
    settings: record.settings,
  };
}

/** The record with `slots` in place of the slots of the same id, and the others added. */
export function withSlots(record: EngineRecord, slots: readonly EngineSlot[], removed: ReadonlySet<number> = new Set()): EngineRecord {
  const replaced = new Map(slots.map((s) => [s.id, s]));
  const kept = record.slots.filter((s) => !removed.has(s.id));
  // A slot removed and one created in the same change may share an id: SQLite reuses row ids.
  const known = new Set(kept.map((s) => s.id));
  return { ...record, slots: [...kept.map((s) => replaced.get(s.id) ?? s), ...slots.filter((s) => !known.has(s.id))] };
}
