// The AESH working-time rule: service = weekly accompaniment hours × 41 weeks (36 school weeks
// plus 5 for preparation, meetings and training); quotité = service / annual reference (1 607 h,
// 1 593 h in some académies), rounded up to the whole percent. 24 h → 984 h → 61.2 % → 62 %.

export interface WorkingTimeSettings {
  annualReferenceHours: number;
  serviceWeeks: number;
}

export const DEFAULT_WORKING_TIME: WorkingTimeSettings = { annualReferenceHours: 1607, serviceWeeks: 41 };

export function annualServiceMinutes(weeklyMinutes: number, settings: WorkingTimeSettings): number {
  return weeklyMinutes * settings.serviceWeeks;
}

/** Whole percent, rounded up. Integer arithmetic so that exact cases (e.g. 100 %) stay exact. */
export function quotitePercent(weeklyMinutes: number, settings: WorkingTimeSettings): number {
  const numerator = annualServiceMinutes(weeklyMinutes, settings) * 100;
  const denominator = settings.annualReferenceHours * 60;
  return Math.ceil(numerator / denominator);
}

/** The most weekly accompaniment a full-time contract allows (≈ 39 h 11 for 1 607 h and 41 weeks). */
export function maxWeeklyMinutes(settings: WorkingTimeSettings): number {
  return Math.floor((settings.annualReferenceHours * 60) / settings.serviceWeeks);
}

/** ETP (full-time equivalent) as a fraction, from the contract's quotité. */
export function etp(weeklyMinutes: number, settings: WorkingTimeSettings): number {
  return quotitePercent(weeklyMinutes, settings) / 100;
}
