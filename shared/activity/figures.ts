// Every pôle's activity over a period: the saisines of the PAS, the support of every pôle's pupils
// week by week, and its AESH's moves, amendments, arrivals and departures. `periodFigures` runs it
// whole on a record (tests, small records); the services run the same steps one week at a time
// with progress (electron/services/activity.ts).
import type { IsoDate } from '../domain/dates.ts';
import type { PoleKind } from '../domain/enums.ts';
import { analyse } from '../gaps/analysis.ts';
import { poleWorkspace } from '../timetable/workspace.ts';
import type { EnginePole, EngineRecord } from '../gaps/record.ts';
import { aeshFigures, type AeshFigures, type Amendment } from './aesh.ts';
import { schoolWeeks, type SchoolCalendar } from './calendar.ts';
import { saisineFigures, type SaisineFacts, type SaisineFigures } from './saisines.ts';
import { supportTally, type SupportFigures, type SupportTally } from './support.ts';

export interface PoleActivity {
  /** Null for the whole of the pôles asked for. */
  poleId: number | null;
  poleCode: string;
  poleName: string;
  kind: PoleKind | null;
  saisines: SaisineFigures;
  support: SupportFigures;
  aesh: AeshFigures;
}

export interface ActivityFigures {
  from: IsoDate;
  to: IsoDate;
  /** The Mondays of the school weeks counted. */
  weeks: IsoDate[];
  poles: PoleActivity[];
  /** Every pôle asked for together (the département when all are). */
  total: PoleActivity;
}

export interface PeriodInput {
  from: IsoDate;
  to: IsoDate;
  /** The pôles reported on, in the order of the report. */
  poles: readonly EnginePole[];
  calendar: SchoolCalendar;
  saisines: readonly SaisineFacts[];
  amendments: readonly Amendment[];
}

/** The date a week is analysed on: its first day in the period (the notifications in force then). */
function analysisDate(week: IsoDate, from: IsoDate): IsoDate {
  return week < from ? from : week;
}

/** The figures, once every school week has been added to `tally`. */
function assemble(input: PeriodInput, record: EngineRecord, weeks: IsoDate[], tally: SupportTally): ActivityFigures {
  const { from, to } = input;
  const aeshOf = aeshFigures(record, input.amendments, from, to);
  const poleIds = new Set(input.poles.map((p) => p.id));
  const activity = (pole: EnginePole | null): PoleActivity => ({
    poleId: pole?.id ?? null,
    poleCode: pole?.code ?? 'Ensemble',
    poleName: pole?.name ?? (input.poles.length === 1 ? input.poles[0]!.name : `${input.poles.length} pôles`),
    kind: pole?.kind ?? null,
    saisines: saisineFigures(input.saisines.filter((s) => (pole === null ? poleIds.has(s.poleId) : s.poleId === pole.id)), from, to),
    support: tally.figures(pole?.id ?? 'total', to),
    aesh: aeshOf(pole?.id ?? 'total'),
  });
  return { from, to, weeks, poles: input.poles.map(activity), total: activity(null) };
}

/** The tally for the pupils of the pôles asked for (the whole counts only theirs). */
function tallyFor(poles: readonly EnginePole[]): SupportTally {
  return supportTally(new Set(poles.map((p) => p.id)));
}

/** How far the figures are: the school weeks analysed out of all, and the last one's Monday. */
export interface PeriodProgress { done: number; total: number; week: IsoDate }

/**
 * The figures of the period on `record`, each school week analysed in turn: yields after each
 * week, so that the services report progress and can stop between weeks, and returns the figures.
 */
export function* periodSteps(record: EngineRecord, input: PeriodInput): Generator<PeriodProgress, ActivityFigures> {
  const weeks = schoolWeeks(input.calendar, input.from, input.to);
  const tally = tallyFor(input.poles);
  // One pôle's pupils are covered by the AESH working in its schools: its part of the record gives
  // the same figures for them, a hundred times faster at the département's scale.
  const analysed = input.poles.length === 1 ? poleWorkspace(record, input.poles[0]!.id) : record;
  for (const [index, week] of weeks.entries()) {
    tally.addWeek(week, analyse(analysed, analysisDate(week, input.from)));
    yield { done: index + 1, total: weeks.length, week };
  }
  return assemble(input, record, weeks, tally);
}

/** The figures of the period on `record`, at once. */
export function periodFigures(record: EngineRecord, input: PeriodInput): ActivityFigures {
  const steps = periodSteps(record, input);
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
  }
}
