// What does not depend on the date, built once per loaded record and reused by every analysis
// until the record is reloaded (the services reload it after a write). Memoised on the record
// object itself, so a new record always gets new indexes.
import type { Settings } from '../domain/settings.ts';
import type {
  EngineAbsence, EngineAesh, EngineMove, EngineNotification, EnginePole, EnginePupil, EngineRecord, EngineSchool, EngineSlot,
} from './record.ts';
import { journey, type Journey } from './travel.ts';

export interface RecordIndexes {
  poleById: Map<number, EnginePole>;
  schoolById: Map<number, EngineSchool>;
  pupilById: Map<number, EnginePupil>;
  aeshById: Map<number, EngineAesh>;
  notificationsOf: Map<number, EngineNotification[]>;
  absencesOf: Map<number, EngineAbsence[]>;
  /** Each moved AESH's moves between pôles, oldest first. */
  movesOf: Map<number, EngineMove[]>;
  /** Each pupil's accompaniment slots and lunch-break slots, in the week's order, whatever their validity. */
  accompanimentOf: Map<number, EngineSlot[]>;
  lunchOf: Map<number, EngineSlot[]>;
  /** Each AESH's slots, by weekday then start time, whatever their validity. */
  slotsOfAesh: Map<number, EngineSlot[]>;
  /** True when some slot has validity dates: otherwise every slot runs every week. */
  datedSlots: boolean;
  journeyBetween: (from: number, to: number) => Journey;
}

const memo = new WeakMap<EngineRecord, RecordIndexes>();
const inWeekOrder = (a: EngineSlot, b: EngineSlot): number => a.weekday - b.weekday || a.startMinute - b.startMinute;

function indexBy<T extends { id: number }>(items: readonly T[]): Map<number, T> {
  const index = new Map<number, T>();
  for (const item of items) index.set(item.id, item);
  return index;
}

export function groupBy<T>(items: Iterable<T>, key: (item: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group === undefined) groups.set(k, [item]);
    else group.push(item);
  }
  return groups;
}

function journeys(schoolById: Map<number, EngineSchool>, settings: Settings): (from: number, to: number) => Journey {
  const cache = new Map<number, Journey>();
  return (from, to) => {
    const key = from * 1_000_000 + to;
    let found = cache.get(key);
    if (found === undefined) {
      found = journey(schoolById.get(from)!, schoolById.get(to)!, settings);
      cache.set(key, found);
    }
    return found;
  };
}

export function indexesOf(record: EngineRecord): RecordIndexes {
  const known = memo.get(record);
  if (known !== undefined) return known;
  const accompanimentOf = new Map<number, EngineSlot[]>();
  const lunchOf = new Map<number, EngineSlot[]>();
  for (const slot of record.slots) {
    const target = slot.nature === 'lunch' ? lunchOf : slot.nature === 'accompaniment' ? accompanimentOf : null;
    if (target === null) continue;
    for (const pupilId of slot.pupilIds) {
      const list = target.get(pupilId);
      if (list === undefined) target.set(pupilId, [slot]);
      else list.push(slot);
    }
  }
  const slotsOfAesh = groupBy(record.slots, (s) => s.aeshId);
  // In the week's order, so that every message lists slots as a timetable reads.
  for (const lists of [slotsOfAesh, accompanimentOf, lunchOf]) for (const slots of lists.values()) slots.sort(inWeekOrder);
  const schoolById = indexBy(record.schools);
  const movesOf = groupBy(record.moves, (m) => m.aeshId);
  for (const moves of movesOf.values()) moves.sort((a, b) => a.date.localeCompare(b.date));
  const indexes: RecordIndexes = {
    poleById: indexBy(record.poles),
    schoolById,
    pupilById: indexBy(record.pupils),
    aeshById: indexBy(record.aesh),
    notificationsOf: groupBy(record.notifications, (n) => n.pupilId),
    absencesOf: groupBy(record.absences, (a) => a.aeshId),
    movesOf,
    accompanimentOf,
    lunchOf,
    slotsOfAesh,
    datedSlots: record.slots.some((s) => s.validFrom !== null || s.validTo !== null),
    journeyBetween: journeys(schoolById, record.settings),
  };
  memo.set(record, indexes);
  return indexes;
}
