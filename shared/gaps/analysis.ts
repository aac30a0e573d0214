// One pass over the record for a date: the week's slots on their real dates, each pupil's
// coverage and each AESH's load. Gaps and indicators are both read from this.
import type { IsoDate } from '../domain/dates.ts';
import type { Weekday } from '../domain/enums.ts';
import { inForce } from '../domain/notifications.ts';
import type {
  EngineAesh, EngineContract, EngineNotification, EnginePole, EnginePupil, EngineRecord, EngineSchool, EngineSlot,
} from './record.ts';
import { journey, type Journey } from './travel.ts';
import { schoolWeek, totalLength, union, validOn, type Interval } from './week.ts';

/** A slot of the week, on its real date, with whether its AESH is absent that day. */
export interface WeekSlot extends EngineSlot {
  date: IsoDate;
  absent: boolean;
}

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
  /** Per weekday, the union of the intervals of present AESH: what replaces an absent one. */
  presentCover: Map<Weekday, Interval[]>;
}

export interface Leg { from: WeekSlot; to: WeekSlot; journey: Journey; available: number }

export interface AeshLoad {
  aesh: EngineAesh;
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
}

function indexBy<T extends { id: number }>(items: readonly T[]): Map<number, T> {
  return new Map(items.map((item) => [item.id, item]));
}

function groupBy<T>(items: readonly T[], key: (item: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group === undefined) groups.set(k, [item]);
    else group.push(item);
  }
  return groups;
}

export function analyse(record: EngineRecord, date: IsoDate): Analysis {
  const week = schoolWeek(date);
  const schoolById = indexBy(record.schools);
  const absencesOf = groupBy(record.absences, (a) => a.aeshId);
  const isAbsent = (aeshId: number, day: IsoDate): boolean => (absencesOf.get(aeshId) ?? []).some((a) => a.startDate <= day && day <= a.endDate);

  const weekSlots: WeekSlot[] = [];
  for (const slot of record.slots) {
    const day = week[slot.weekday];
    if (validOn(slot, day)) weekSlots.push({ ...slot, date: day, absent: isAbsent(slot.aeshId, day) });
  }

  const notificationOf = new Map<number, EngineNotification>();
  for (const n of record.notifications) if (inForce(n, date) && !notificationOf.has(n.pupilId)) notificationOf.set(n.pupilId, n);

  const accompanimentOf = new Map<number, WeekSlot[]>();
  const lunchOf = new Map<number, WeekSlot[]>();
  const ulisSchools = new Set<number>();
  for (const slot of weekSlots) {
    if (slot.nature === 'ulis') ulisSchools.add(slot.schoolId);
    const target = slot.nature === 'lunch' ? lunchOf : slot.nature === 'accompaniment' ? accompanimentOf : null;
    if (target === null) continue;
    for (const pupilId of slot.pupilIds) {
      const list = target.get(pupilId);
      if (list === undefined) target.set(pupilId, [slot]);
      else list.push(slot);
    }
  }

  const pupils: PupilCoverage[] = [];
  for (const pupil of record.pupils) {
    const slots = accompanimentOf.get(pupil.id) ?? [];
    const all = new Map<Weekday, Interval[]>();
    const present = new Map<Weekday, Interval[]>();
    for (const slot of slots) {
      const interval: Interval = [slot.startMinute, slot.endMinute];
      all.set(slot.weekday, [...(all.get(slot.weekday) ?? []), interval]);
      if (!slot.absent) present.set(slot.weekday, [...(present.get(slot.weekday) ?? []), interval]);
    }
    const presentCover = new Map([...present].map(([day, intervals]) => [day, union(intervals)]));
    const lunch = new Map<Weekday, Interval[]>();
    for (const slot of lunchOf.get(pupil.id) ?? []) lunch.set(slot.weekday, [...(lunch.get(slot.weekday) ?? []), [slot.startMinute, slot.endMinute]]);
    pupils.push({
      pupil,
      school: schoolById.get(pupil.schoolId)!,
      notification: notificationOf.get(pupil.id) ?? null,
      plannedMinutes: [...all.values()].reduce((sum, intervals) => sum + totalLength(union(intervals)), 0),
      deliveredMinutes: [...presentCover.values()].reduce((sum, intervals) => sum + totalLength(intervals), 0),
      lunchMinutes: [...lunch.values()].reduce((sum, intervals) => sum + totalLength(union(intervals)), 0),
      slots,
      presentCover,
    });
  }

  const contractOf = new Map<number, EngineContract>();
  for (const c of record.contracts) if (inForce(c, date)) contractOf.set(c.aeshId, c);
  const slotsOf = groupBy(weekSlots, (s) => s.aeshId);
  const loads: AeshLoad[] = record.aesh.map((aesh) => {
    const slots = (slotsOf.get(aesh.id) ?? []).toSorted((a, b) => a.weekday - b.weekday || a.startMinute - b.startMinute);
    const legs: Leg[] = [];
    for (let i = 1; i < slots.length; i += 1) {
      const from = slots[i - 1]!;
      const to = slots[i]!;
      if (from.weekday !== to.weekday || from.schoolId === to.schoolId) continue;
      legs.push({ from, to, journey: journey(schoolById.get(from.schoolId)!, schoolById.get(to.schoolId)!, record.settings), available: to.startMinute - from.endMinute });
    }
    const minutes = (keep: (s: WeekSlot) => boolean): number => slots.filter(keep).reduce((sum, s) => sum + s.endMinute - s.startMinute, 0);
    return {
      aesh,
      contract: contractOf.get(aesh.id) ?? null,
      slots,
      schoolMinutes: minutes((s) => s.nature !== 'lunch'),
      lunchMinutes: minutes((s) => s.nature === 'lunch'),
      travelMinutes: legs.reduce((sum, leg) => sum + leg.journey.minutes, 0),
      legs,
    };
  });

  return {
    date,
    record,
    poleById: indexBy(record.poles),
    schoolById,
    pupilById: indexBy(record.pupils),
    aeshById: indexBy(record.aesh),
    weekSlots,
    pupils,
    coverageByPupil: new Map(pupils.map((c) => [c.pupil.id, c])),
    loads,
    ulisSchools,
  };
}
