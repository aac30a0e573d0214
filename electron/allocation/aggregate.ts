// The aggregate model of one pôle, solved with HiGHS: who supports whom for how many minutes and
// which AESH works in which school, leaving the week's times to the placer. Two solves:
// - the LP bound: every eligible pair, continuous, maximising the individual minutes covered.
//   Its constraints are relaxations of the placer's rules (contract minutes left, free time of
//   each AESH in each school and with each pupil, journeys around the kept week included, the
//   pupil's missing minutes), so no placement can cover more;
// - the MIP: the most promising pairs of each unit, with the lexicographic objective by weights
//   (pupils with nothing first, then individual minutes with the first half of each
//   notification worth double, then continuity and fewer schools), started from the greedy.
import type { Highs, ModelData } from 'highs';
import { Placer, pairKey, type Construction, type Guide } from '../../shared/allocation/placer.ts';
import { MIN_BLOCK, type AllocationProblem } from '../../shared/allocation/types.ts';

export interface SolverLimits {
  /** Seconds HiGHS may spend on the MIP of one pôle. */
  timeLimitSeconds: number;
  /** Relative MIP gap at which HiGHS stops. */
  relativeGap: number;
  /** AESH considered per unit in the MIP (the bound considers them all). */
  pairsPerUnit: number;
}

export const DEFAULT_LIMITS: SolverLimits = { timeLimitSeconds: 1, relativeGap: 0.01, pairsPerUnit: 8 };

export interface AggregateAnswer {
  /** LP bound on the individual minutes the placer could add to the kept week. */
  boundAddedMinutes: number;
  /** Minutes per AESH and unit in the MIP's best solution. */
  guide: Guide;
  status: string;
  /** HiGHS's relative gap between its best solution and its dual bound at the end. */
  mipGap: number | null;
  lpSeconds: number;
  mipSeconds: number;
  columns: number;
  rows: number;
}

// Objective weights: serving a pupil with nothing outweighs a whole notification's minutes.
const SERVED = 3000;
const FIRST_HALF_MINUTE = 2;
const MINUTE = 1;
const SHARED_MINUTE = 0.5;
const CONTINUITY_MINUTE = 0.2;
const NEW_PAIR = 10;
const NEW_SCHOOL = 30;

interface Pair { unit: number; aeshId: number; minutes: number }

/** Columns and rows, gathered row by row and handed to HiGHS in CSR form. */
class ModelBuilder {
  readonly cost: number[] = [];
  readonly lower: number[] = [];
  readonly upper: number[] = [];
  readonly integer: number[] = [];
  readonly rowLower: number[] = [];
  readonly rowUpper: number[] = [];
  private readonly starts: number[] = [0];
  private readonly indices: number[] = [];
  private readonly values: number[] = [];

  col(cost: number, lower: number, upper: number, integer = false): number {
    this.cost.push(cost);
    this.lower.push(lower);
    this.upper.push(upper);
    this.integer.push(integer ? 1 : 0);
    return this.cost.length - 1;
  }

  row(lower: number, upper: number, entries: readonly (readonly [number, number])[]): void {
    if (entries.length === 0) return;
    for (const [col, value] of entries) {
      this.indices.push(col);
      this.values.push(value);
    }
    this.starts.push(this.indices.length);
    this.rowLower.push(lower);
    this.rowUpper.push(upper);
  }

  data(highs: Highs, mip: boolean): ModelData {
    return {
      numCols: this.cost.length, numRows: this.rowLower.length, sense: highs.constants.objectiveSense.maximize,
      colCost: this.cost, colLower: this.lower, colUpper: this.upper, rowLower: this.rowLower, rowUpper: this.rowUpper,
      matrix: { format: 'csr', numRows: this.rowLower.length, numCols: this.cost.length, starts: this.starts, indices: this.indices, values: this.values },
      ...(mip ? { integrality: this.integer as (0 | 1)[] } : {}),
    };
  }
}

function statusName(highs: Highs, code: number): string {
  return Object.entries(highs.constants.modelStatus).find(([, value]) => value === code)?.[0] ?? String(code);
}

/** The pairs of the MIP: those the greedy used, the AESH the unit already has or is pinned to, then the largest capacities. */
function mipPairs(problem: AllocationProblem, pairs: readonly Pair[], greedyMinutes: ReadonlyMap<string, number>, limit: number): Pair[] {
  const byUnit = new Map<number, Pair[]>();
  for (const p of pairs) byUnit.set(p.unit, [...byUnit.get(p.unit) ?? [], p]);
  const kept: Pair[] = [];
  for (const [unit, list] of byUnit) {
    const u = problem.units[unit]!;
    const preferred = (p: Pair): boolean => greedyMinutes.has(pairKey(p.aeshId, unit)) || u.currentAesh.includes(p.aeshId) || u.pinnedAesh.includes(p.aeshId);
    const first = list.filter(preferred);
    kept.push(...first, ...list.filter((p) => !preferred(p)).sort((a, b) => b.minutes - a.minutes).slice(0, Math.max(0, limit - first.length)));
  }
  return kept;
}

/** `onBound` is called between the two solves: the MIP may take its whole time limit. */
export function solveAggregate(highs: Highs, problem: AllocationProblem, greedy: Construction, limits: SolverLimits, onBound?: () => void): AggregateAnswer {
  const { pairs, left, atSchool } = new Placer(problem).capacities();
  const greedyMinutes = new Map<string, number>();
  for (const p of greedy.placements) {
    const key = pairKey(p.aeshId, p.unit);
    greedyMinutes.set(key, (greedyMinutes.get(key) ?? 0) + p.end - p.start);
  }
  const greedySharedOf = (unit: number): number =>
    problem.units[unit]!.kind === 'shared' ? problem.units[unit]!.needMinutes - greedy.remaining[unit]! : 0;

  /** The constraints both models share: contract minutes left, free time per school, minutes missing per unit. */
  const common = (builder: ModelBuilder, list: readonly Pair[], x: readonly number[]): void => {
    const ofAesh = new Map<number, [number, number][]>();
    const ofSchool = new Map<string, [number, number][]>();
    const ofUnit = new Map<number, [number, number][]>();
    list.forEach((p, k) => {
      ofAesh.set(p.aeshId, [...ofAesh.get(p.aeshId) ?? [], [x[k]!, 1]]);
      const school = pairKey(p.aeshId, problem.units[p.unit]!.schoolId);
      ofSchool.set(school, [...ofSchool.get(school) ?? [], [x[k]!, 1]]);
      ofUnit.set(p.unit, [...ofUnit.get(p.unit) ?? [], [x[k]!, 1]]);
    });
    for (const [aeshId, entries] of ofAesh) builder.row(-Infinity, left.get(aeshId)!, entries);
    for (const [key, entries] of ofSchool) builder.row(-Infinity, atSchool.get(key)!, entries);
    for (const [unit, entries] of ofUnit) builder.row(greedySharedOf(unit), problem.units[unit]!.needMinutes, entries);
  };

  // The LP bound, over every eligible pair.
  const lpStarted = performance.now();
  const lp = new ModelBuilder();
  const lpX = pairs.map((p) => lp.col(problem.units[p.unit]!.kind === 'individual' ? 1 : 0, 0, p.minutes));
  common(lp, pairs, lpX);
  let boundAddedMinutes = 0;
  if (pairs.length > 0) {
    boundAddedMinutes = highs.withModel(lp.data(highs, false), (model) => {
      model.options.set({ output_flag: false });
      model.run();
      return model.getObjectiveValue();
    });
  }
  const lpSeconds = (performance.now() - lpStarted) / 1000;
  onBound?.();

  // The MIP, over the most promising pairs, started from the greedy's answer.
  const mipStarted = performance.now();
  const list = mipPairs(problem, pairs, greedyMinutes, limits.pairsPerUnit);
  const m = new ModelBuilder();
  const start: number[] = [];
  const column = (cost: number, lower: number, upper: number, integer: boolean, value: number): number => {
    start.push(value);
    return m.col(cost, lower, upper, integer);
  };
  const x = list.map((p) => {
    const u = problem.units[p.unit]!;
    const continuity = u.currentAesh.includes(p.aeshId) || u.pinnedAesh.includes(p.aeshId);
    return column((u.kind === 'shared' ? SHARED_MINUTE : 0) + (continuity ? CONTINUITY_MINUTE : 0), 0, p.minutes, false, greedyMinutes.get(pairKey(p.aeshId, p.unit)) ?? 0);
  });
  common(m, list, x);
  const kept = new Map(problem.aesh.map((a) => [a.id, new Set(a.week.map((e) => e.schoolId))]));
  const schoolOpen = new Map<string, number>();
  const usedOfUnit = new Map<number, number[]>();
  const wOf: number[] = [];
  list.forEach((p, k) => {
    const u = problem.units[p.unit]!;
    const used = greedyMinutes.has(pairKey(p.aeshId, p.unit)) ? 1 : 0;
    const current = u.currentAesh.includes(p.aeshId);
    const w = column(current ? 0 : -NEW_PAIR, 0, 1, true, used);
    wOf.push(w);
    m.row(-Infinity, 0, [[x[k]!, 1], [w, -p.minutes]]);
    // A pair in use gives at least a block: units missing less have no pair (Placer.capacities).
    m.row(0, Infinity, [[x[k]!, 1], [w, -MIN_BLOCK]]);
    if (!current) usedOfUnit.set(p.unit, [...usedOfUnit.get(p.unit) ?? [], w]);
    if (!kept.get(p.aeshId)!.has(u.schoolId)) {
      const key = pairKey(p.aeshId, u.schoolId);
      let z = schoolOpen.get(key);
      if (z === undefined) {
        const opened = greedy.placements.some((g) => g.aeshId === p.aeshId && g.schoolId === u.schoolId) ? 1 : 0;
        z = column(-NEW_SCHOOL, 0, 1, true, opened);
        schoolOpen.set(key, z);
      }
      m.row(-Infinity, 0, [[w, 1], [z, -1]]);
    }
  });
  const unitsOf = new Map<number, number[]>();
  list.forEach((p, k) => unitsOf.set(p.unit, [...unitsOf.get(p.unit) ?? [], k]));
  for (const [unit, ks] of unitsOf) {
    const u = problem.units[unit]!;
    const newWs = usedOfUnit.get(unit) ?? [];
    m.row(-Infinity, Math.max(0, 2 - u.currentAesh.length), newWs.map((w) => [w, 1] as const));
    const given = ks.reduce((sum, k) => sum + start[x[k]!]!, 0);
    if (u.withNothing > 0) {
      const served = column(SERVED * u.withNothing, 0, 1, true, given > 0 ? 1 : 0);
      // Served means at least one pair in use (and so at least a block).
      m.row(-Infinity, 0, [[served, 1], ...ks.map((k) => [wOf[k]!, -1] as const)]);
    }
    if (u.kind === 'individual') {
      const half = Math.max(0, Math.min(u.needMinutes, Math.ceil(u.targetMinutes / 2) - (u.targetMinutes - u.needMinutes)));
      const c1 = column(FIRST_HALF_MINUTE, 0, half, false, Math.min(given, half));
      const c2 = column(MINUTE, 0, Infinity, false, Math.max(0, given - half));
      m.row(0, 0, [...ks.map((k) => [x[k]!, 1] as const), [c1, -1], [c2, -1]]);
    }
  }
  let guide = new Map<string, number>();
  let status = 'empty';
  let mipGap: number | null = null;
  if (list.length > 0) {
    ({ guide, status, mipGap } = highs.withModel(m.data(highs, true), (model) => {
      model.options.set({ output_flag: false, time_limit: limits.timeLimitSeconds, mip_rel_gap: limits.relativeGap });
      model.setSolution({ colValue: start });
      model.run();
      const solution = model.getSolution().colValue;
      const answer = new Map<string, number>();
      list.forEach((p, k) => {
        const minutes = Math.round(solution[x[k]!]! / 15) * 15;
        if (minutes > 0) answer.set(pairKey(p.aeshId, p.unit), minutes);
      });
      const gap = Number(model.info.get('mip_gap'));
      return { guide: answer, status: statusName(highs, model.getModelStatus()), mipGap: Number.isFinite(gap) ? gap : null };
    }));
  }
  return {
    boundAddedMinutes: Math.floor(boundAddedMinutes + 1e-6), guide, status, mipGap,
    lpSeconds, mipSeconds: (performance.now() - mipStarted) / 1000, columns: start.length, rows: m.rowLower.length,
  };
}
