// Places hours into the AESH's weeks under the hard rules, by rounds: in each round every unit
// (pupil or shared-aid group) still short of hours gets at most one block, the scarcest first, so
// that every pupil gets a first block before anyone is topped up. A block fills a free stretch of
// one half-day of the school (quarter-hours, at least an hour, never leaving less than an hour to
// place when that can be helped), within the AESH's contract once journeys are counted. The same placer serves the greedy construction and the solver's answer:
// fed a guide (which AESH gives which unit how many minutes), it follows it where it can.
import { WEEKDAY_LABELS, type Weekday } from '../domain/enums.ts';
import { formatHours } from '../domain/hours.ts';
import { requiredSkillLabel } from './problem.ts';
import { MIN_BLOCK, QUARTER, type AllocationProblem, type ProblemAesh, type ProblemSchool, type ProblemUnit, type WeekEntry } from './types.ts';

/** At most two AESH per pupil: more would be hard on the pupil and on the teams. */
const MAX_AESH_PER_UNIT = 2;

// Candidate scores: the guide and continuity dominate, then the places an AESH already works in,
// then the block's length; journeys and sparing rare skills weigh against.
const GUIDED = 2000;
const PINNED = 1000;
const CURRENT = 500;
/** An AESH already given to the unit in this proposal: one AESH for the whole need where possible. */
const SAME_PAIR = 300;
/** An AESH whose contract has room for the unit's whole missing time, so that a second AESH is not needed later. */
const ROOM_FOR_ALL = 200;
const SAME_SCHOOL_DAY = 150;
const OTHER_SCHOOL_DAY = -120;
const SAME_SCHOOL_WEEK = 60;
const NEW_SCHOOL = -60;
const ADJACENT = 40;
const RARE_SKILL_SPENT = -300;
/** A block that leaves less than an hour to place: that rest can only lengthen a block of the unit later, or stay missing. */
const SLIVER_LEFT = -200;
const TRAVEL_MINUTE = -2;

export interface Placement {
  unit: number;
  aeshId: number;
  schoolId: number;
  weekday: Weekday;
  start: number;
  end: number;
  /** Journey minutes the block adds to the AESH's day (0 when it joins slots in the same school). */
  journeyMinutes: number;
  reason: string;
}

/** Minutes the solver gives each AESH and unit, keyed by `pairKey(aeshId, unit)`. */
export type Guide = ReadonlyMap<string, number>;
/** The key of an AESH with a unit (by index) or with a school (by id). */
export const pairKey = (aeshId: number, other: number): string => `${aeshId}/${other}`;

export interface Construction {
  placements: Placement[];
  /** Minutes left to place, per unit. */
  remaining: number[];
  /** Why each unit still short of hours is, in French (by unit index). */
  reasons: Map<number, string>;
}

interface AeshState {
  aesh: ProblemAesh;
  /** Entries per weekday (index 1–6), sorted by start. */
  days: WeekEntry[][];
  worked: number;
  /** Schools of the week, kept and placed. */
  schools: Set<number>;
}

interface UnitState {
  unit: ProblemUnit;
  need: number;
  covered: { start: number; end: number }[][];
  aesh: Set<number>;
  stuck: boolean;
}

interface Candidate {
  aesh: AeshState;
  weekday: Weekday;
  start: number;
  end: number;
  /** Free time of the AESH in that half-day, for the reason. */
  free: number;
  morning: boolean;
  score: number;
}

const ceilQuarter = (m: number): number => Math.ceil(m / QUARTER) * QUARTER;
const floorQuarter = (m: number): number => Math.floor(m / QUARTER) * QUARTER;

/** A replacement (absence cover) takes what the absent slot leaves, however short that slot was; a weekly block lasts an hour or more. */
const shortestBlock = (u: UnitState): number => (u.unit.day === undefined ? MIN_BLOCK : Math.min(MIN_BLOCK, u.need));

/**
 * How much of `room` free minutes one block of the unit takes, on quarter-hours; 0 when less than
 * its shortest block. A weekly block is cut short rather than leave less than an hour to place,
 * which no new slot could take (three hours twice for 6 h 30 would leave half an hour: 3 h, 2 h 30, 1 h).
 */
function blockLength(u: UnitState, room: number): number {
  const length = floorQuarter(Math.min(u.need, room));
  if (length < shortestBlock(u)) return 0;
  const rest = u.need - length;
  return u.unit.day === undefined && rest > 0 && rest < MIN_BLOCK && u.need >= 2 * MIN_BLOCK ? floorQuarter(u.need - MIN_BLOCK) : length;
}

/** Removes [from, to) from the disjoint sorted segments. */
function cut(segments: [number, number][], from: number, to: number): [number, number][] {
  if (to <= from) return segments;
  const out: [number, number][] = [];
  for (const [s, e] of segments) {
    if (e <= from || to <= s) out.push([s, e]);
    else {
      if (s < from) out.push([s, from]);
      if (to < e) out.push([to, e]);
    }
  }
  return out;
}

export class Placer {
  readonly problem: AllocationProblem;
  private readonly aesh: AeshState[];
  private readonly units: UnitState[];
  private readonly schoolById: Map<number, ProblemSchool>;
  private readonly travelIndex: Map<number, number>;
  /** Skills some unit of the pôle requires: an AESH holding one is kept for those who need it. */
  private readonly neededSkills: Set<string>;
  private readonly guide: Map<string, number>;
  readonly placements: Placement[] = [];

  constructor(problem: AllocationProblem, guide?: Guide) {
    this.problem = problem;
    this.aesh = problem.aesh.map((a) => {
      const days: WeekEntry[][] = [[], [], [], [], [], [], []];
      for (const entry of a.week) days[entry.weekday]!.push(entry);
      for (const day of days) day.sort((x, y) => x.start - y.start);
      return { aesh: a, days, worked: a.workedMinutes, schools: new Set(a.week.map((e) => e.schoolId)) };
    });
    this.units = problem.units.map((unit) => {
      const covered: { start: number; end: number }[][] = [[], [], [], [], [], [], []];
      for (const c of unit.covered) covered[c.weekday]!.push({ start: c.start, end: c.end });
      return { unit, need: unit.needMinutes, covered, aesh: new Set(unit.currentAesh), stuck: false };
    });
    this.schoolById = new Map(problem.schools.map((s) => [s.id, s]));
    this.travelIndex = new Map(problem.travelSchools.map((id, i) => [id, i]));
    this.neededSkills = new Set(problem.units.flatMap((u) => u.requiredSkills));
    this.guide = new Map(guide ?? []);
  }

  /** Journey minutes between two schools; none within one school. */
  travel(from: number, to: number): number {
    if (from === to) return 0;
    const n = this.problem.travelSchools.length;
    return this.problem.travelMinutes[this.travelIndex.get(from)! * n + this.travelIndex.get(to)!]!;
  }

  /** Working time a slot adds: its length and the journeys it adds around it, as the engine's legs count them. */
  private added(a: AeshState, weekday: Weekday, schoolId: number, start: number, end: number): number {
    const day = a.days[weekday]!;
    let prev: WeekEntry | undefined;
    let next: WeekEntry | undefined;
    for (const e of day) {
      if (e.start < start) prev = e;
      else {
        next = e;
        break;
      }
    }
    const leg = (x: WeekEntry | undefined, to: number): number => (x === undefined ? 0 : this.travel(x.schoolId, to));
    const removed = prev !== undefined && next !== undefined ? this.travel(prev.schoolId, next.schoolId) : 0;
    return end - start + leg(prev, schoolId) + (next === undefined ? 0 : this.travel(schoolId, next.schoolId)) - removed;
  }

  private eligible(a: AeshState, u: UnitState): boolean {
    if (!u.unit.requiredSkills.every((skill) => a.aesh.skills.includes(skill))) return false;
    return u.aesh.has(a.aesh.id) || u.aesh.size < MAX_AESH_PER_UNIT;
  }

  /** Free stretches of `a` at `school` in one range of its grid: out of the AESH's other slots and their journeys, and of the unit's covered time. */
  private freeStretches(a: AeshState, covered: readonly { start: number; end: number }[], school: number, weekday: Weekday, range: { start: number; end: number }, withTravel: boolean): [number, number][] {
    let free: [number, number][] = [[range.start, range.end]];
    for (const e of a.days[weekday]!) {
      if (e.end + (withTravel ? this.travel(e.schoolId, school) : 0) <= range.start || e.start - (withTravel ? this.travel(school, e.schoolId) : 0) >= range.end) continue;
      free = cut(free, e.start - (withTravel ? this.travel(school, e.schoolId) : 0), e.end + (withTravel ? this.travel(e.schoolId, school) : 0));
    }
    for (const c of covered) free = cut(free, c.start, c.end);
    return free.map(([s, e]) => [ceilQuarter(s), floorQuarter(e)] as [number, number]).filter(([s, e]) => e > s);
  }

  /** Free minutes of `a` in the school's hours, out of `covered` (per weekday), journeys around the AESH's other slots included, in stretches of at least `shortest`. */
  private freeMinutes(a: AeshState, school: ProblemSchool, covered: readonly (readonly { start: number; end: number }[])[], shortest: number): number {
    let total = 0;
    for (const [day, ranges] of Object.entries(school.grid)) {
      const weekday = Number(day) as Weekday;
      for (const range of ranges ?? []) for (const [s, e] of this.freeStretches(a, covered[weekday] ?? [], school.id, weekday, range, true)) if (e - s >= shortest) total += e - s;
    }
    return total;
  }

  /**
   * What the solver may decide, read before `run`: each unit's eligible AESH with the most they
   * could give it (their free time during its school's hours, out of its covered time), each
   * AESH's contract minutes left and free time per school of the pôle. Every placement stays
   * within these, so the solver's relaxation bounds what any placement could cover.
   */
  capacities(): { pairs: { unit: number; aeshId: number; minutes: number }[]; left: Map<number, number>; atSchool: Map<string, number> } {
    const pairs: { unit: number; aeshId: number; minutes: number }[] = [];
    const atSchool = new Map<string, number>();
    const left = new Map(this.aesh.map((a) => [a.aesh.id, Math.max(0, a.aesh.contractMinutes - a.worked)]));
    for (const a of this.aesh) for (const school of this.problem.schools) atSchool.set(pairKey(a.aesh.id, school.id), this.freeMinutes(a, school, [], QUARTER));
    this.units.forEach((u, index) => {
      const shortest = shortestBlock(u);
      // Less than an hour to place: no slot can start for it (it could only lengthen one of its own, and has none yet).
      if (u.need < shortest) return;
      for (const a of this.aesh) {
        if (!this.eligible(a, u) || left.get(a.aesh.id)! < shortest) continue;
        const minutes = Math.min(u.need, this.freeMinutes(a, this.schoolById.get(u.unit.schoolId)!, u.covered, shortest));
        if (minutes >= shortest) pairs.push({ unit: index, aeshId: a.aesh.id, minutes });
      }
    });
    return { pairs, left, atSchool };
  }

  private best(index: number): Candidate | null {
    const u = this.units[index]!;
    const school = this.schoolById.get(u.unit.schoolId)!;
    // Less than an hour left (the solver's share, or a half-day too short, left it): only a block
    // that lengthens one of the unit's own with the same AESH, with which it merges into one slot.
    const lengthening = u.need < shortestBlock(u);
    const smallest = Math.min(shortestBlock(u), u.need);
    let best: Candidate | null = null;
    for (const a of this.aesh) {
      const left = a.aesh.contractMinutes - a.worked;
      if (left < smallest || !this.eligible(a, u)) continue;
      const own = lengthening ? this.placements.filter((p) => p.unit === index && p.aeshId === a.aesh.id) : [];
      if (lengthening && own.length === 0) continue;
      const guided = this.guide.get(pairKey(a.aesh.id, index)) ?? 0;
      const follows = guided >= smallest;
      let base = (follows ? GUIDED : 0)
        + (u.unit.pinnedAesh.includes(a.aesh.id) ? PINNED : 0) + (u.unit.currentAesh.includes(a.aesh.id) ? CURRENT : 0)
        + (u.aesh.has(a.aesh.id) && !u.unit.currentAesh.includes(a.aesh.id) ? SAME_PAIR : 0) + (left >= u.need ? ROOM_FOR_ALL : 0);
      if (a.aesh.skills.some((s) => this.neededSkills.has(s) && !u.unit.requiredSkills.includes(s))) base += RARE_SKILL_SPENT;
      base += a.schools.has(school.id) ? SAME_SCHOOL_WEEK : a.schools.size > 0 ? NEW_SCHOOL : 0;
      const wanted = follows ? Math.min(u.need, guided) : u.need;
      for (const [day, ranges] of Object.entries(school.grid)) {
        const weekday = Number(day) as Weekday;
        const entries = a.days[weekday]!;
        const here = entries.some((e) => e.schoolId === school.id);
        const others = new Set(entries.filter((e) => e.schoolId !== school.id).map((e) => e.schoolId)).size;
        const dayScore = here ? SAME_SCHOOL_DAY : OTHER_SCHOOL_DAY * others;
        for (const range of ranges ?? []) {
          for (const [s, e] of this.freeStretches(a, u.covered[weekday]!, school.id, weekday, range, true)) {
            const afterOwn = own.some((p) => p.weekday === weekday && p.end === s);
            if (lengthening && !afterOwn && !own.some((p) => p.weekday === weekday && p.start === e)) continue;
            const lengthIn = (room: number): number => (lengthening ? floorQuarter(Math.min(room, u.need)) : blockLength(u, Math.min(room, wanted)));
            let length = lengthIn(e - s);
            if (length === 0) continue;
            // Next to the AESH's other slot in this school when the stretch ends against it: a compact half-day.
            const endAdjacent = entries.some((x) => x.start === e && x.schoolId === school.id);
            const startAdjacent = entries.some((x) => x.end === s && x.schoolId === school.id);
            const atEnd = lengthening ? !afterOwn : endAdjacent && !startAdjacent;
            let start = atEnd ? e - length : s;
            let cost = this.added(a, weekday, school.id, start, start + length);
            if (cost > left) {
              length = lengthIn(length - (cost - left));
              if (length === 0) continue;
              start = atEnd ? e - length : s;
              cost = this.added(a, weekday, school.id, start, start + length);
              if (cost > left) continue;
            }
            const travel = cost - length;
            const rest = u.need - length;
            const score = base + dayScore + length + (endAdjacent || startAdjacent ? ADJACENT : 0) + TRAVEL_MINUTE * travel
              + (rest > 0 && rest < shortestBlock(u) ? SLIVER_LEFT : 0);
            if (best === null || score > best.score) {
              best = { aesh: a, weekday, start, end: start + length, free: e - s, morning: range.start < 12 * 60, score };
            }
          }
        }
      }
    }
    return best;
  }

  private place(index: number, c: Candidate): void {
    const u = this.units[index]!;
    const school = this.schoolById.get(u.unit.schoolId)!;
    const length = c.end - c.start;
    const added = this.added(c.aesh, c.weekday, school.id, c.start, c.end);
    c.aesh.worked += added;
    const day = c.aesh.days[c.weekday]!;
    day.push({ slotId: null, schoolId: school.id, weekday: c.weekday, start: c.start, end: c.end, nature: 'accompaniment' });
    day.sort((x, y) => x.start - y.start);
    c.aesh.schools.add(school.id);
    u.covered[c.weekday]!.push({ start: c.start, end: c.end });
    const key = pairKey(c.aesh.aesh.id, index);
    const guided = this.guide.get(key);
    if (guided !== undefined) this.guide.set(key, guided - length);
    const what = u.unit.kind === 'individual' ? `${formatHours(u.need)} manquantes` : `${formatHours(u.need)} d’aide mutualisée à placer`;
    const continuity = u.unit.currentAesh.includes(c.aesh.aesh.id) ? ' ; déjà son AESH' : '';
    this.placements.push({
      unit: index, aeshId: c.aesh.aesh.id, schoolId: school.id, weekday: c.weekday, start: c.start, end: c.end, journeyMinutes: added - length,
      reason: `${u.unit.label} : ${what} ; ${c.aesh.aesh.shortName} a ${formatHours(c.free)} libres à ${school.name} le ${WEEKDAY_LABELS[c.weekday]} ${c.morning ? 'matin' : 'après-midi'}${continuity}`,
    });
    u.aesh.add(c.aesh.aesh.id);
    u.need -= length;
  }

  /** The order of each round: required skills first, then pupils with nothing, then the fewest candidate AESH, then the longest wait. */
  private order(): number[] {
    const candidates = this.units.map((u) => this.aesh.filter((a) => this.eligible(a, u) && a.aesh.contractMinutes - a.worked >= Math.min(shortestBlock(u), u.need)).length);
    return this.units.map((_, i) => i).sort((i, j) => {
      const a = this.units[i]!.unit;
      const b = this.units[j]!.unit;
      return Number(b.requiredSkills.length > 0) - Number(a.requiredSkills.length > 0)
        || Number(b.withNothing > 0) - Number(a.withNothing > 0)
        || candidates[i]! - candidates[j]!
        || b.waitingDays - a.waitingDays
        || i - j;
    });
  }

  /** Rounds of one block per unit until a round places nothing: the state only fills up, so a unit with no candidate never gets one later. */
  run(): Construction {
    const order = this.order();
    for (let placed = true; placed;) {
      placed = false;
      for (const index of order) {
        const u = this.units[index]!;
        if (u.stuck || u.need <= 0) continue;
        const candidate = this.best(index);
        if (candidate === null) u.stuck = true;
        else {
          this.place(index, candidate);
          placed = true;
        }
      }
    }
    const reasons = new Map<number, string>();
    this.units.forEach((u, i) => {
      if (u.need > 0) reasons.set(i, this.why(u));
    });
    return { placements: mergeContiguous(this.placements), remaining: this.units.map((u) => Math.max(0, u.need)), reasons };
  }

  /** Why a unit is still short: the first rule, in this order, that leaves it without a candidate. */
  private why(u: UnitState): string {
    const school = this.schoolById.get(u.unit.schoolId)!;
    const minBlock = shortestBlock(u);
    if (this.aesh.length === 0) return 'Aucun AESH du pôle n’a de contrat en cours à cette date.';
    if (u.need < minBlock) return `Moins d’une heure à placer (${formatHours(u.need)}) : un créneau proposé dure au moins une heure, et aucun ne peut être prolongé d’autant.`;
    const skilled = this.aesh.filter((a) => u.unit.requiredSkills.every((s) => a.aesh.skills.includes(s)));
    const skills = u.unit.requiredSkills.map(requiredSkillLabel).join(', ');
    if (skilled.length === 0) return `Compétence requise (${skills}) : aucun AESH du pôle ne l’a.`;
    const allowed = skilled.filter((a) => this.eligible(a, u));
    if (u.aesh.size >= MAX_AESH_PER_UNIT) {
      const names = allowed.map((a) => a.aesh.shortName);
      const who = names.length === 0 ? '' : ` (${names.slice(0, -1).join(', ')}${names.length > 1 ? ' et ' : ''}${names.at(-1)})`;
      return `Déjà ${u.aesh.size} AESH${who}, sans temps libre pendant ses horaires ou au maximum de leur contrat : un AESH de plus n’est pas proposé.`;
    }
    const withTime = allowed.filter((a) => a.aesh.contractMinutes - a.worked >= minBlock);
    if (withTime.length === 0) {
      return u.unit.requiredSkills.length > 0
        ? `Compétence requise (${skills}) : les AESH qui l’ont sont au maximum de leur contrat.`
        : 'Tous les AESH du pôle sont au maximum de leur contrat.';
    }
    const fits = (withTravel: boolean): boolean => withTime.some((a) =>
      Object.entries(school.grid).some(([day, ranges]) => (ranges ?? []).some((range) =>
        this.freeStretches(a, u.covered[Number(day)]!, school.id, Number(day) as Weekday, range, withTravel).some(([s, e]) => e - s >= minBlock))));
    if (!fits(true) && fits(false)) return `Trajets trop longs : les AESH libres pendant les horaires de ${school.name} n’ont pas le temps de s’y rendre.`;
    return `Aucun AESH du pôle n’a de temps libre pendant les horaires de ${school.name}.`;
  }
}

/**
 * One slot for blocks that follow each other for the same unit, AESH and day. It keeps the reason
 * of the block placed first, whose missing hours are the unit's before this AESH came: a block
 * placed later to lengthen it would read "0 h 30 manquantes".
 */
function mergeContiguous(placements: readonly Placement[]): Placement[] {
  const sorted = placements.map((p, order) => ({ p, order }))
    .sort(({ p: a }, { p: b }) => a.unit - b.unit || a.aeshId - b.aeshId || a.weekday - b.weekday || a.start - b.start);
  const merged: { p: Placement; order: number }[] = [];
  for (const item of sorted) {
    const last = merged.at(-1);
    const { p } = item;
    if (last !== undefined && last.p.unit === p.unit && last.p.aeshId === p.aeshId && last.p.weekday === p.weekday && last.p.end === p.start) {
      merged[merged.length - 1] = {
        p: { ...last.p, end: p.end, journeyMinutes: last.p.journeyMinutes + p.journeyMinutes, reason: last.order < item.order ? last.p.reason : p.reason },
        order: Math.min(last.order, item.order),
      };
    } else merged.push(item);
  }
  return merged.map((m) => m.p);
}

export function construct(problem: AllocationProblem, guide?: Guide): Construction {
  return new Placer(problem, guide).run();
}
