// Moving an AESH from one pôle to another from a date, as a pure change of the record: the same
// function previews a move (the "what if" of the Répartition view) and tells the services what
// to write when it is confirmed, so that what was previewed is what gets saved.
import { ApiError } from '../api/errors.ts';
import { addDaysIso, formatDate, type IsoDate } from '../domain/dates.ts';
import { poleOn } from '../gaps/analysis.ts';
import { carryIndexes, indexesOf } from '../gaps/indexes.ts';
import { withRowsChanged, type EngineAesh, type EngineMove, type EngineRecord, type EngineSlot } from '../gaps/record.ts';

export interface PlannedMove { aeshId: number; toPoleId: number; date: IsoDate }

/** What one move changes: the AESH's slots in the pôle left end the day before the move. */
export interface MoveEffect {
  move: EngineMove;
  /** Slots that ran before the move and now end the day before it (validTo set). */
  endedSlots: EngineSlot[];
  /** Slots that would only have run from the move on: removed. */
  removedSlots: EngineSlot[];
}

export interface MovesPlan {
  record: EngineRecord;
  effects: MoveEffect[];
}

function refuse(message: string): never {
  throw new ApiError('refused', message);
}

/** One moved AESH as the plan leaves them, over the record: their pôle, their history and their slots. */
interface Moved { aesh: EngineAesh; history: readonly EngineMove[]; slots: readonly EngineSlot[] }

/**
 * Applies `moves` in order. A move must be later than the AESH's last recorded move (the record
 * keeps one pôle history per AESH) and must change the pôle.
 */
export function planMoves(record: EngineRecord, moves: readonly PlannedMove[]): MovesPlan {
  const indexes = indexesOf(record);
  // A move changes one AESH only: the plan keeps what it did to each AESH moved, and the record is
  // derived once at the end, rather than copied for every move tried.
  const movedAesh = new Map<number, Moved>();
  const effects: MoveEffect[] = [];
  for (const planned of moves) {
    const { aesh, history, slots } = movedAesh.get(planned.aeshId) ?? {
      aesh: indexes.aeshById.get(planned.aeshId) ?? refuse(`AESH introuvable (n° ${planned.aeshId}).`),
      history: indexes.movesOf.get(planned.aeshId) ?? [],
      slots: indexes.slotsOfAesh.get(planned.aeshId) ?? [],
    };
    const name = `${aesh.firstName} ${aesh.lastName}`;
    if (!indexes.poleById.has(planned.toPoleId)) refuse(`Pôle introuvable (n° ${planned.toPoleId}).`);
    const last = history.at(-1);
    if (last !== undefined && planned.date <= last.date) {
      refuse(`${name} a déjà un déplacement au ${formatDate(last.date)} : un nouveau déplacement doit être daté après.`);
    }
    const fromPoleId = poleOn(aesh, history, planned.date);
    if (fromPoleId === planned.toPoleId) refuse(`${name} est déjà rattaché(e) à ce pôle au ${formatDate(planned.date)}.`);

    const dayBefore = addDaysIso(planned.date, -1);
    const endedSlots: EngineSlot[] = [];
    const removedSlots: EngineSlot[] = [];
    for (const slot of slots) {
      const school = indexes.schoolById.get(slot.schoolId);
      if (school === undefined || school.poleId !== fromPoleId) continue;
      if (slot.validTo !== null && slot.validTo < planned.date) continue;
      if (slot.validFrom !== null && slot.validFrom >= planned.date) removedSlots.push(slot);
      else endedSlots.push({ ...slot, validTo: dayBefore });
    }
    const move: EngineMove = { aeshId: aesh.id, fromPoleId, toPoleId: planned.toPoleId, date: planned.date };
    const ended = new Map(endedSlots.map((s) => [s.id, s]));
    const removed = new Set(removedSlots.map((s) => s.id));
    movedAesh.set(aesh.id, {
      aesh: { ...aesh, poleId: planned.toPoleId },
      history: [...history, move],
      slots: slots.filter((s) => !removed.has(s.id)).map((s) => ended.get(s.id) ?? s),
    });
    effects.push({ move, endedSlots, removedSlots });
  }
  return { record: movedRecord(record, movedAesh, effects), effects };
}

/** The record with the moved AESH as the plan leaves them: only their rows, slots and moves change. */
function movedRecord(record: EngineRecord, movedAesh: ReadonlyMap<number, Moved>, effects: readonly MoveEffect[]): EngineRecord {
  if (effects.length === 0) return record;
  const { slotsOfAesh } = indexesOf(record);
  const slots = new Map<number, EngineSlot | null>();
  const before: EngineSlot[] = [];
  for (const [aeshId, moved] of movedAesh) {
    const now = new Map(moved.slots.map((s) => [s.id, s]));
    for (const slot of slotsOfAesh.get(aeshId) ?? []) {
      const after = now.get(slot.id) ?? null;
      if (after === slot) continue;
      before.push(slot);
      slots.set(slot.id, after);
    }
  }
  const next: EngineRecord = {
    ...record,
    aesh: withRowsChanged(record.aesh, new Map([...movedAesh].map(([id, { aesh }]) => [id, aesh]))),
    slots: withRowsChanged(record.slots, slots),
    moves: [...record.moves, ...effects.map((e) => e.move)],
  };
  carryIndexes(record, next, { before, after: [...slots.values()].filter((s) => s !== null) });
  return next;
}
