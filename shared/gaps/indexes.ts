// What does not depend on the date, built once per loaded record and reused by every analysis
// until the record changes. Memoised on the record object itself, so a new record always gets new
// indexes; a record patched from another (record.ts) takes over those of the tables it shares
// with it, and has its slot lists updated for the slots that changed only.
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
// The id last, so that lists updated in place (patchedLists) keep the order a fresh build gives.
const inWeekOrder = (a: EngineSlot, b: EngineSlot): number => a.weekday - b.weekday || a.startMinute - b.startMinute || a.id - b.id;

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

type SlotLists = Pick<RecordIndexes, 'accompanimentOf' | 'lunchOf' | 'slotsOfAesh'>;

/** The keys under which each list of SlotLists files a slot. */
const LIST_KEYS: { [K in keyof SlotLists]: (slot: EngineSlot) => readonly number[] } = {
  slotsOfAesh: (slot) => [slot.aeshId],
  accompanimentOf: (slot) => (slot.nature === 'accompaniment' ? slot.pupilIds : []),
  lunchOf: (slot) => (slot.nature === 'lunch' ? slot.pupilIds : []),
};

/** One list of SlotLists with `before` (slots as they were) replaced by `after`: only the keys they name are rebuilt. */
function patchedList(lists: Map<number, EngineSlot[]>, keysOf: (slot: EngineSlot) => readonly number[], gone: ReadonlySet<EngineSlot>, after: readonly EngineSlot[]): Map<number, EngineSlot[]> {
  const added = new Map<number, EngineSlot[]>();
  for (const slot of gone) for (const key of keysOf(slot)) if (!added.has(key)) added.set(key, []);
  for (const slot of after) {
    for (const key of keysOf(slot)) {
      const list = added.get(key);
      if (list === undefined) added.set(key, [slot]);
      else list.push(slot);
    }
  }
  if (added.size === 0) return lists;
  const patched = new Map(lists);
  for (const [key, slots] of added) {
    const list = [...(lists.get(key) ?? []).filter((slot) => !gone.has(slot)), ...slots].sort(inWeekOrder);
    if (list.length === 0) patched.delete(key);
    else patched.set(key, list);
  }
  return patched;
}

function slotListsOf(slots: readonly EngineSlot[]): SlotLists {
  const lists: SlotLists = { slotsOfAesh: new Map(), accompanimentOf: new Map(), lunchOf: new Map() };
  for (const slot of slots) {
    for (const name of Object.keys(LIST_KEYS) as (keyof SlotLists)[]) {
      for (const key of LIST_KEYS[name](slot)) {
        const list = lists[name].get(key);
        if (list === undefined) lists[name].set(key, [slot]);
        else list.push(slot);
      }
    }
  }
  // In the week's order, so that every message lists slots as a timetable reads.
  for (const byKey of Object.values(lists)) for (const list of byKey.values()) list.sort(inWeekOrder);
  return lists;
}

/** What a patch did to the slots: the slots replaced or deleted as they were, and the slots written. */
export interface SlotChanges { before: readonly EngineSlot[]; after: readonly EngineSlot[] }

interface Previous { record: EngineRecord; indexes: RecordIndexes; slots: SlotChanges }

function build(record: EngineRecord, previous: Previous | undefined): RecordIndexes {
  const kept = (table: keyof EngineRecord): boolean => previous !== undefined && previous.record[table] === record[table];
  const old = previous?.indexes;
  let lists: SlotLists;
  if (kept('slots')) lists = old!;
  else if (previous === undefined) lists = slotListsOf(record.slots);
  else {
    const gone = new Set(previous.slots.before);
    const patched = (name: keyof SlotLists): Map<number, EngineSlot[]> => patchedList(previous.indexes[name], LIST_KEYS[name], gone, previous.slots.after);
    lists = { slotsOfAesh: patched('slotsOfAesh'), accompanimentOf: patched('accompanimentOf'), lunchOf: patched('lunchOf') };
  }
  const schoolById = kept('schools') ? old!.schoolById : indexBy(record.schools);
  let movesOf = old?.movesOf;
  if (!kept('moves')) {
    movesOf = groupBy(record.moves, (m) => m.aeshId);
    for (const moves of movesOf.values()) moves.sort((a, b) => a.date.localeCompare(b.date));
  }
  return {
    poleById: kept('poles') ? old!.poleById : indexBy(record.poles),
    schoolById,
    pupilById: kept('pupils') ? old!.pupilById : indexBy(record.pupils),
    aeshById: kept('aesh') ? old!.aeshById : indexBy(record.aesh),
    notificationsOf: kept('notifications') ? old!.notificationsOf : groupBy(record.notifications, (n) => n.pupilId),
    absencesOf: kept('absences') ? old!.absencesOf : groupBy(record.absences, (a) => a.aeshId),
    movesOf: movesOf!,
    accompanimentOf: lists.accompanimentOf,
    lunchOf: lists.lunchOf,
    slotsOfAesh: lists.slotsOfAesh,
    datedSlots: kept('slots') ? old!.datedSlots : record.slots.some((s) => s.validFrom !== null || s.validTo !== null),
    journeyBetween: kept('schools') && kept('settings') ? old!.journeyBetween : journeys(schoolById, record.settings),
  };
}

export function indexesOf(record: EngineRecord): RecordIndexes {
  let indexes = memo.get(record);
  if (indexes === undefined) {
    indexes = build(record, undefined);
    memo.set(record, indexes);
  }
  return indexes;
}

/**
 * Gives `next`, made from `previous` by replacing some of its tables (new arrays) and keeping the
 * others (the same arrays), the indexes of `previous` where they still hold: only those of the
 * replaced tables are built again, and the slot lists only for the AESH and pupils of the slots
 * in `slots`. Nothing is done when `previous` has no indexes yet: `next` builds its own if asked.
 */
export function carryIndexes(previous: EngineRecord, next: EngineRecord, slots: SlotChanges): void {
  const indexes = memo.get(previous);
  if (indexes !== undefined && !memo.has(next)) memo.set(next, build(next, { record: previous, indexes, slots }));
}
