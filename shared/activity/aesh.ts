// The AESH side of a pôle's period: moves between pôles, contract amendments (hours changed, read
// from the journal by the services), and arrivals and departures (contracts starting or ending in
// the period; a contract that follows another the next day is a renewal, not an arrival).
import { addDaysIso, type IsoDate } from '../domain/dates.ts';
import { formatHours } from '../domain/hours.ts';
import { poleOn } from '../gaps/analysis.ts';
import type { EngineAesh, EngineContract, EngineRecord } from '../gaps/record.ts';

/** A contract's weekly hours changed, as the journal recorded it. */
export interface Amendment { aeshId: number; date: IsoDate; beforeMinutes: number; afterMinutes: number }

export interface AeshEvent {
  aeshId: number;
  matricule: string;
  name: string;
  date: IsoDate;
  /** Moves: the pôles left and joined; amendments: the weekly hours before and after. */
  detail: string;
}

export interface AeshFigures {
  movesIn: AeshEvent[];
  movesOut: AeshEvent[];
  amendments: AeshEvent[];
  arrivals: AeshEvent[];
  departures: AeshEvent[];
}


/** The AESH events of [from, to] for each pôle of `poleIds` (null: without a pôle), and for all under `total`. */
export function aeshFigures(
  record: Pick<EngineRecord, 'aesh' | 'contracts' | 'moves' | 'poles'>, amendments: readonly Amendment[], from: IsoDate, to: IsoDate,
): (pole: number | null | 'total') => AeshFigures {
  const aeshById = new Map(record.aesh.map((a) => [a.id, a]));
  const codeOf = new Map(record.poles.map((p) => [p.id, p.code]));
  const movesOf = Map.groupBy(record.moves.toSorted((a, b) => a.date.localeCompare(b.date)), (m) => m.aeshId);
  const contractsOf = Map.groupBy(record.contracts, (c) => c.aeshId);
  const within = (date: IsoDate | null): date is IsoDate => date !== null && from <= date && date <= to;
  const event = (aesh: EngineAesh, date: IsoDate, detail: string): AeshEvent =>
    ({ aeshId: aesh.id, matricule: aesh.matricule, name: `${aesh.firstName} ${aesh.lastName}`, date, detail });
  type Placed = AeshEvent & { poles: (number | null)[] };
  const all: Record<keyof AeshFigures, Placed[]> = { movesIn: [], movesOut: [], amendments: [], arrivals: [], departures: [] };
  const at = (aesh: EngineAesh, date: IsoDate): number | null => poleOn(aesh, movesOf.get(aesh.id), date);

  for (const move of record.moves) {
    const aesh = aeshById.get(move.aeshId);
    if (aesh === undefined || !within(move.date)) continue;
    const detail = `${codeOf.get(move.fromPoleId ?? -1) ?? 'sans pôle'} → ${codeOf.get(move.toPoleId ?? -1) ?? 'sans pôle'}`;
    all.movesIn.push({ ...event(aesh, move.date, detail), poles: [move.toPoleId] });
    all.movesOut.push({ ...event(aesh, move.date, detail), poles: [move.fromPoleId] });
  }
  for (const a of amendments) {
    const aesh = aeshById.get(a.aeshId);
    if (aesh === undefined || !within(a.date)) continue;
    all.amendments.push({ ...event(aesh, a.date, `${formatHours(a.beforeMinutes)} → ${formatHours(a.afterMinutes)} par semaine`), poles: [at(aesh, a.date)] });
  }
  for (const [aeshId, contracts] of contractsOf) {
    const aesh = aeshById.get(aeshId);
    if (aesh === undefined) continue;
    const continues = (c: EngineContract): boolean => c.endDate !== null && contracts.some((o) => o !== c && o.startDate <= addDaysIso(c.endDate!, 1) && o.startDate > c.startDate);
    const follows = (c: EngineContract): boolean => contracts.some((o) => o !== c && o.startDate < c.startDate && (o.endDate === null || o.endDate >= addDaysIso(c.startDate, -1)));
    for (const c of contracts) {
      if (within(c.startDate) && !follows(c)) all.arrivals.push({ ...event(aesh, c.startDate, `${c.kind}, ${formatHours(c.weeklyMinutes)} par semaine`), poles: [at(aesh, c.startDate)] });
      if (within(c.endDate) && !continues(c)) all.departures.push({ ...event(aesh, c.endDate, `fin du ${c.kind}`), poles: [at(aesh, c.endDate)] });
    }
  }
  const sorted = (list: Placed[]): AeshEvent[] =>
    list.toSorted((a, b) => a.date.localeCompare(b.date) || a.name.localeCompare(b.name, 'fr')).map(({ poles: _poles, ...e }) => e);
  return (pole) => {
    const keep = (list: Placed[]): AeshEvent[] => sorted(pole === 'total' ? list : list.filter((e) => e.poles.includes(pole)));
    // A move between two pôles of the whole is listed once, as a move in.
    return {
      movesIn: keep(all.movesIn), movesOut: pole === 'total' ? [] : keep(all.movesOut),
      amendments: keep(all.amendments), arrivals: keep(all.arrivals), departures: keep(all.departures),
    };
  };
}
