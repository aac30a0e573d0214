// One pass over the record for a date: the week's slots on their real dates, each pupil's
// coverage and each AESH's load. Gaps and indicators are both read from this.
import type { IsoDate } from '../domain/dates.ts';
import type { Weekday } from '../domain/enums.ts';
import { inForce, notificationsInForce } from '../domain/notifications.ts';
import type {
  EngineAbsence, EngineAesh, EngineContract, EngineMove, EngineNotification, EnginePole, EnginePupil, EngineRecord, EngineSchool, EngineSlot,
} from './record.ts';
import { indexesOf } from './indexes.ts';
import { legsOf, type Leg } from './travel.ts';
import { schoolWeek, totalLength, union, validOn, type Interval } from './week.ts';

/** A slot that runs in the week looked at (on the date `week[weekday]`). */
export type WeekSlot = EngineSlot;

export interface PupilCoverage {
  pupil: EnginePupil;
  school: EngineSchool;
  /** The notification in force on the date, if any. */
  notification: EngineNotification | null;
  /** Accompaniment time in the week's timetable, absences aside (overlapping slots counted once). */
  plannedMinutes: number;
  /** The same, without the slots of AESH absent that day (replacements count). */
  deliveredMinutes: number;
  /** Lunch-break time: working time of the AESH, not against the notified school hours. */
  lunchMinutes: number;
  /** Accompaniment slots of the week serving this pupil. */
  slots: WeekSlot[];
  /** Per weekday, the union of the intervals of present AESH: what replaces an absent one. Filled
   * only for pupils one of whose AESH is absent this week (empty otherwise). */
  presentCover: Map<Weekday, Interval[]>;
}

export type { Leg } from './travel.ts';

export interface AeshLoad {
  aesh: EngineAesh;
  /** The pôle the AESH works for on the date: moves between pôles take effect on their date. */
  poleId: number | null;
  contract: EngineContract | null;
  slots: WeekSlot[];
  /** Accompaniment and ULIS time, lunch-break time, and journeys between schools, in the week. */
  schoolMinutes: number;
  lunchMinutes: number;
  travelMinutes: number;
  legs: Leg[];
}

export interface Analysis {
  date: IsoDate;
  /** The real date of each weekday in the week looked at. */
  week: Record<Weekday, IsoDate>;
  /** Slots of the week whose AESH is absent on that day. */
  absentSlots: Set<number>;
  record: EngineRecord;
  poleById: Map<number, EnginePole>;
  schoolById: Map<number, EngineSchool>;
  pupilById: Map<number, EnginePupil>;
  aeshById: Map<number, EngineAesh>;
  weekSlots: WeekSlot[];
  pupils: PupilCoverage[];
  coverageByPupil: Map<number, PupilCoverage>;
  loads: AeshLoad[];
  /** Schools whose ULIS unit has a collective AESH slot this week (present or not). */
  ulisSchools: Set<number>;
  /** Every notification of each pupil, in force or not; every absence of each AESH. */
  notificationsOf: Map<number, EngineNotification[]>;
  absencesOf: Map<number, EngineAbsence[]>;
}

const NO_SLOTS: WeekSlot[] = [];
const NO_ABSENCE: EngineAbsence[] = [];
const NO_COVER = new Map<Weekday, Interval[]>();

/** The intervals of `slots` kept by `keep`, per weekday. */
function byWeekday(slots: readonly WeekSlot[], keep: (slot: WeekSlot) => boolean): Map<Weekday, Interval[]> {
  const days = new Map<Weekday, Interval[]>();
  for (const slot of slots) {
    if (!keep(slot)) continue;
    const list = days.get(slot.weekday);
    if (list === undefined) days.set(slot.weekday, [[slot.startMinute, slot.endMinute]]);
    else list.push([slot.startMinute, slot.endMinute]);
  }
  return days;
}

/**
 * Minutes covered at least once by the slots kept: overlapping slots of one day count once. When
 * no two kept slots share a day (the usual week), that is a plain sum and nothing is allocated.
 */
function coveredMinutes(slots: readonly WeekSlot[], keep: (slot: WeekSlot) => boolean): number {
  let days = 0;
  let sum = 0;
  for (const slot of slots) {
    if (!keep(slot)) continue;
    const bit = 1 << slot.weekday;
    if ((days & bit) !== 0) {
      let total = 0;
      for (const intervals of byWeekday(slots, keep).values()) total += totalLength(union(intervals));
      return total;
    }
    days |= bit;
    sum += slot.endMinute - slot.startMinute;
  }
  return sum;
}

const always = (): boolean => true;

/** The pôle of an AESH on `date`, read from their moves (oldest first) when they have any. */
export function poleOn(aesh: EngineAesh, moves: readonly EngineMove[] | undefined, date: IsoDate): number | null {
  if (moves === undefined || moves.length === 0) return aesh.poleId;
  let pole = moves[0]!.fromPoleId;
  for (const move of moves) if (move.date <= date) pole = move.toPoleId;
  return pole;
}

/** An AESH's working time in the week: accompaniment and ULIS, lunch breaks, journeys between schools. */
export function workedMinutes(load: AeshLoad): number {
  return load.schoolMinutes + load.lunchMinutes + load.travelMinutes;
}

/** The code of the pôle `poleId`, or null for none. */
export function poleCodeOf(analysis: Pick<Analysis, 'poleById'>, poleId: number | null): string | null {
  return poleId === null ? null : analysis.poleById.get(poleId)?.code ?? null;
}

/** The absence that keeps an AESH away on `day`, if any. */
export function absenceOn(absencesOf: ReadonlyMap<number, readonly EngineAbsence[]>, aeshId: number, day: IsoDate): EngineAbsence | undefined {
  return (absencesOf.get(aeshId) ?? NO_ABSENCE).find((a) => a.startDate <= day && day <= a.endDate);
}

/**
 * An analysis of the same date on a record that `record` was patched from, with the pupils and
 * AESH the patches touched (record.ts, changesSince): the others keep their coverage and load as
 * they were (the very objects, which the gaps and indicators memoise on).
 */
export interface AnalysisBase {
  analysis: Analysis;
  pupils: ReadonlySet<number>;
  aesh: ReadonlySet<number>;
}

/** What an analysis derived from a base recomputed: read by indicatorsOf to redo only their pôles. */
export interface Derivation {
  previous: WeakRef<Analysis>;
  /** Pupils and AESH computed again (the others are the previous analysis's objects). */
  pupils: ReadonlySet<number>;
  aesh: ReadonlySet<number>;
  /** Schools whose ULIS unit gained or lost its collective slot this week. */
  ulisSchools: ReadonlySet<number>;
}

const derivations = new WeakMap<Analysis, Derivation>();

export function derivationOf(analysis: Analysis): Derivation | undefined {
  return derivations.get(analysis);
}

/** The pupils served by the slots of `aesh` in `slotsOfAesh`. */
function pupilsOfAesh(slotsOfAesh: ReadonlyMap<number, readonly EngineSlot[]>, aesh: Iterable<number>, into: Set<number>): void {
  for (const id of aesh) for (const slot of slotsOfAesh.get(id) ?? NO_SLOTS) for (const pupilId of slot.pupilIds) into.add(pupilId);
}

/**
 * One pass over the record for `date`. Given `base`, an analysis of that date on the record this
 * one was patched from, only the pupils and AESH the patches touched are computed again, with
 * the pupils of the touched AESH's slots (an absence changes what they receive; a name, their
 * gaps' messages): the result is the one a full pass gives.
 */
export function analyse(record: EngineRecord, date: IsoDate, base?: AnalysisBase): Analysis {
  const indexes = indexesOf(record);
  const { schoolById, absencesOf } = indexes;
  const week = schoolWeek(date);
  const runs = (slot: EngineSlot): boolean => validOn(slot, week[slot.weekday]);
  /** The slots of `list` that run this week; the list itself when all do (the usual case). */
  const thisWeek = (list: WeekSlot[] | undefined): WeekSlot[] | undefined =>
    list === undefined || !indexes.datedSlots || list.every(runs) ? list : list.filter(runs);
  const previous = base !== undefined && base.analysis.date === date ? base.analysis : undefined;
  let touchedPupils: Set<number> | undefined;
  if (previous !== undefined) {
    touchedPupils = new Set(base!.pupils);
    pupilsOfAesh(indexesOf(previous.record).slotsOfAesh, base!.aesh, touchedPupils);
    pupilsOfAesh(indexes.slotsOfAesh, base!.aesh, touchedPupils);
  }

  let weekSlots: WeekSlot[] = [];
  let absentSlots = new Set<number>();
  let ulisSchools = new Set<number>();
  if (previous !== undefined && previous.record.slots === record.slots && previous.record.absences === record.absences) {
    ({ weekSlots, absentSlots, ulisSchools } = previous);
  } else {
    for (const slot of record.slots) {
      const day = week[slot.weekday];
      if (!validOn(slot, day)) continue;
      weekSlots.push(slot);
      if (slot.nature === 'ulis') ulisSchools.add(slot.schoolId);
      if (absencesOf.has(slot.aeshId) && absenceOn(absencesOf, slot.aeshId, day) !== undefined) absentSlots.add(slot.id);
    }
  }

  // A derived analysis reads the notifications in force of the pupils it computes again only.
  const inForceOf = previous === undefined ? notificationsInForce(record.notifications, date) : undefined;
  const notificationIn = (pupilId: number): EngineNotification | undefined =>
    inForceOf !== undefined ? inForceOf.get(pupilId) : notificationsInForce(indexes.notificationsOf.get(pupilId) ?? [], date).get(pupilId);

  const pupils: PupilCoverage[] = [];
  const coverageByPupil = new Map<number, PupilCoverage>();
  const present = (slot: WeekSlot): boolean => !absentSlots.has(slot.id);
  const absent = (slot: WeekSlot): boolean => absentSlots.has(slot.id);
  for (const pupil of record.pupils) {
    const kept = touchedPupils === undefined || touchedPupils.has(pupil.id) ? undefined : previous!.coverageByPupil.get(pupil.id);
    if (kept !== undefined) {
      pupils.push(kept);
      coverageByPupil.set(pupil.id, kept);
      continue;
    }
    const school = schoolById.get(pupil.schoolId)!;
    const notification = notificationIn(pupil.id) ?? null;
    const own = thisWeek(indexes.accompanimentOf.get(pupil.id)) ?? NO_SLOTS;
    const lunch = thisWeek(indexes.lunchOf.get(pupil.id));
    const plannedMinutes = own.length === 0 ? 0 : coveredMinutes(own, always);
    // Only a pupil one of whose AESH is away needs to know what replaces them, day by day.
    const touched = absentSlots.size > 0 && own.some(absent);
    const coverage: PupilCoverage = {
      pupil,
      school,
      notification,
      plannedMinutes,
      deliveredMinutes: touched ? coveredMinutes(own, present) : plannedMinutes,
      lunchMinutes: lunch === undefined ? 0 : coveredMinutes(lunch, always),
      slots: own,
      presentCover: touched ? new Map([...byWeekday(own, present)].map(([day, intervals]) => [day, union(intervals)])) : NO_COVER,
    };
    pupils.push(coverage);
    coverageByPupil.set(pupil.id, coverage);
  }

  const contractOf = new Map<number, EngineContract>();
  for (const c of record.contracts) if (inForce(c, date)) contractOf.set(c.aeshId, c);
  const previousLoads = previous === undefined ? undefined : loadsByAesh(previous);
  const loads: AeshLoad[] = record.aesh.map((aesh) => {
    const kept = previousLoads === undefined || base!.aesh.has(aesh.id) ? undefined : previousLoads.get(aesh.id);
    if (kept !== undefined) return kept;
    const slots = thisWeek(indexes.slotsOfAesh.get(aesh.id)) ?? NO_SLOTS;
    const legs = legsOf(slots, indexes.journeyBetween);
    let schoolMinutes = 0;
    let lunchMinutes = 0;
    for (const s of slots) {
      if (s.nature === 'lunch') lunchMinutes += s.endMinute - s.startMinute;
      else schoolMinutes += s.endMinute - s.startMinute;
    }
    return {
      aesh,
      poleId: poleOn(aesh, indexes.movesOf.get(aesh.id), date),
      contract: contractOf.get(aesh.id) ?? null,
      slots,
      schoolMinutes,
      lunchMinutes,
      travelMinutes: legs.reduce((sum, leg) => sum + leg.journey.minutes, 0),
      legs,
    };
  });

  const analysis: Analysis = {
    date,
    week,
    absentSlots,
    record,
    poleById: indexes.poleById,
    schoolById,
    pupilById: indexes.pupilById,
    aeshById: indexes.aeshById,
    weekSlots,
    pupils,
    coverageByPupil,
    loads,
    ulisSchools,
    notificationsOf: indexes.notificationsOf,
    absencesOf,
  };
  if (previous !== undefined) {
    const ulisChanged = new Set([...ulisSchools].filter((id) => !previous.ulisSchools.has(id)));
    for (const id of previous.ulisSchools) if (!ulisSchools.has(id)) ulisChanged.add(id);
    derivations.set(analysis, { previous: new WeakRef(previous), pupils: touchedPupils!, aesh: base!.aesh, ulisSchools: ulisChanged });
  }
  return analysis;
}

const loadsMemo = new WeakMap<Analysis, Map<number, AeshLoad>>();

/** An analysis's loads by AESH. */
function loadsByAesh(analysis: Analysis): Map<number, AeshLoad> {
  let byAesh = loadsMemo.get(analysis);
  if (byAesh === undefined) {
    byAesh = new Map(analysis.loads.map((load) => [load.aesh.id, load]));
    loadsMemo.set(analysis, byAesh);
  }
  return byAesh;
}
