// Moving an AESH from one pôle to another from a date, as a pure change of the record: the same
// function previews a move (the "what if" of the Répartition view) and tells the services what
// to write when it is confirmed, so that what was previewed is what gets saved.
import { ApiError } from '../api/errors.ts';
import { addDaysIso, formatDate, type IsoDate } from '../domain/dates.ts';
import { poleOn } from '../gaps/analysis.ts';
import { indexesOf } from '../gaps/indexes.ts';
import type { EngineMove, EngineRecord, EngineSlot } from '../gaps/record.ts';

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

/**
 * Applies `moves` in order. A move must be later than the AESH's last recorded move (the record
 * keeps one pôle history per AESH) and must change the pôle.
 */
export function planMoves(record: EngineRecord, moves: readonly PlannedMove[]): MovesPlan {
  let current = record;
  const effects: MoveEffect[] = [];
  for (const planned of moves) {
    const indexes = indexesOf(current);
    const aesh = indexes.aeshById.get(planned.aeshId) ?? refuse(`AESH introuvable (n° ${planned.aeshId}).`);
    const name = `${aesh.firstName} ${aesh.lastName}`;
    if (!indexes.poleById.has(planned.toPoleId)) refuse(`Pôle introuvable (n° ${planned.toPoleId}).`);
    const history = indexes.movesOf.get(aesh.id) ?? [];
    const last = history.at(-1);
    if (last !== undefined && planned.date <= last.date) {
      refuse(`${name} a déjà un déplacement au ${formatDate(last.date)} : un nouveau déplacement doit être daté après.`);
    }
    const fromPoleId = poleOn(aesh, history, planned.date);
    if (fromPoleId === planned.toPoleId) refuse(`${name} est déjà rattaché(e) à ce pôle au ${formatDate(planned.date)}.`);

    const dayBefore = addDaysIso(planned.date, -1);
    const endedSlots: EngineSlot[] = [];
    const removedSlots: EngineSlot[] = [];
    for (const slot of indexes.slotsOfAesh.get(aesh.id) ?? []) {
      const school = indexes.schoolById.get(slot.schoolId);
      if (school === undefined || school.poleId !== fromPoleId) continue;
      if (slot.validTo !== null && slot.validTo < planned.date) continue;
      if (slot.validFrom !== null && slot.validFrom >= planned.date) removedSlots.push(slot);
      else endedSlots.push({ ...slot, validTo: dayBefore });
    }
    const move: EngineMove = { aeshId: aesh.id, fromPoleId, toPoleId: planned.toPoleId, date: planned.date };
    const ended = new Map(endedSlots.map((s) => [s.id, s]));
    const removed = new Set(removedSlots.map((s) => s.id));
    current = {
      ...current,
      aesh: current.aesh.map((a) => (a.id === aesh.id ? { ...a, poleId: planned.toPoleId } : a)),
      slots: current.slots.filter((s) => !removed.has(s.id)).map((s) => ended.get(s.id) ?? s),
      moves: [...current.moves, move],
    };
    effects.push({ move, endedSlots, removedSlots });
  }
  return { record: current, effects };
}
