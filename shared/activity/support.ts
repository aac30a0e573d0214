// A pôle's support over a period, read from the gaps engine's analysis of each school week: hours
// notified, scheduled and delivered summed over the weeks, hours lost to absences nobody covered,
// pupils waiting and for how long, and breaks in support. The analyses are added one week at a
// time (a tally), so that the services can report progress and stop between weeks, and the memory
// holds one week's analysis, never the year's.
import type { IsoDate } from '../domain/dates.ts';
import type { Analysis } from '../gaps/analysis.ts';
import { pupilStatuses } from '../gaps/indicators.ts';
import { daysBetween } from '../gaps/week.ts';
import { median } from './saisines.ts';

/** One school week of a pôle (or of the whole), for the weekly coverage chart. */
export interface WeekFigures {
  /** The week's Monday. */
  week: IsoDate;
  notifiedMinutes: number;
  scheduledMinutes: number;
  deliveredMinutes: number;
  /** Notified pupils (individual or shared aid) without any slot that week. */
  waiting: number;
}

export interface WaitFigure {
  pupilId: number;
  identifier: string;
  name: string;
  /** The start of the notification they waited under. */
  since: IsoDate;
  /** From `since` to the Monday of the week support began, or to the period's end when it has not. */
  days: number;
  /** Still waiting in the last school week of the period. */
  waitingAtEnd: boolean;
}

export interface BreakFigure {
  pupilId: number;
  identifier: string;
  name: string;
  /** The Monday of the first school week without support. */
  from: IsoDate;
  /** School weeks in a row without support (holidays are not counted, nor do they break). */
  weeks: number;
}

export interface SupportFigures {
  schoolWeeks: number;
  /** Individual notifications (the hours the CDAPH gave), summed over the school weeks, in minutes. */
  notifiedMinutes: number;
  scheduledMinutes: number;
  /** Scheduled minus the slots of AESH absent that day that nobody replaced. */
  deliveredMinutes: number;
  lostMinutes: number;
  weeks: WeekFigures[];
  /** Pupils without any slot for at least one school week while notified, longest wait first. */
  waiting: WaitFigure[];
  medianWaitDays: number | null;
  longestWaitDays: number | null;
  /** A pupil who had support one school week and none the next, the notification still in force. */
  breaks: BreakFigure[];
}

interface PupilTrack {
  identifier: string;
  name: string;
  /** Delivered support in the last school week seen. */
  supported: boolean;
  wait: WaitFigure | null;
  openBreak: BreakFigure | null;
}

class PoleTally {
  readonly weeks: WeekFigures[] = [];
  readonly tracks = new Map<number, PupilTrack>();
  readonly waits: WaitFigure[] = [];
  readonly breaks: BreakFigure[] = [];
}

/** Where a pupil's figures go: their school's pôle (null: none), and the whole. */
export type PoleKey = number | null;

export interface SupportTally {
  /** Adds the analysis of one school week (its date in that week). */
  addWeek(week: IsoDate, analysis: Analysis): void;
  /** The figures of a pôle, or of every pupil with `total`. */
  figures(pole: PoleKey | 'total', to: IsoDate): SupportFigures;
}

/** A tally over the pupils of `poles` (their school's pôle); `total` gathers them all. */
export function supportTally(poles: ReadonlySet<PoleKey>): SupportTally {
  const tallies = new Map<PoleKey | 'total', PoleTally>([['total', new PoleTally()], ...[...poles].map((p) => [p, new PoleTally()] as const)]);

  const addPupil = (tally: PoleTally, week: WeekFigures, pupil: { id: number; identifier: string; name: string }, since: IsoDate, delivered: boolean, waiting: boolean): void => {
    let track = tally.tracks.get(pupil.id);
    if (track === undefined) {
      track = { identifier: pupil.identifier, name: pupil.name, supported: false, wait: null, openBreak: null };
      tally.tracks.set(pupil.id, track);
    }
    if (waiting && track.wait === null && !track.supported) {
      track.wait = { pupilId: pupil.id, identifier: pupil.identifier, name: pupil.name, since, days: 0, waitingAtEnd: true };
      tally.waits.push(track.wait);
    }
    if (!waiting && track.wait?.waitingAtEnd === true) {
      track.wait.waitingAtEnd = false;
      track.wait.days = daysBetween(track.wait.since, week.week);
    }
    if (delivered) track.openBreak = null;
    else if (track.openBreak !== null) track.openBreak.weeks += 1;
    else if (track.supported) {
      track.openBreak = { pupilId: pupil.id, identifier: pupil.identifier, name: pupil.name, from: week.week, weeks: 1 };
      tally.breaks.push(track.openBreak);
    }
    track.supported = delivered;
  };

  return {
    addWeek(week, analysis) {
      const current = new Map<PoleKey | 'total', WeekFigures>();
      const weekOf = (key: PoleKey | 'total'): WeekFigures | undefined => {
        const tally = tallies.get(key);
        if (tally === undefined) return undefined;
        let figures = current.get(key);
        if (figures === undefined) {
          figures = { week, notifiedMinutes: 0, scheduledMinutes: 0, deliveredMinutes: 0, waiting: 0 };
          current.set(key, figures);
          tally.weeks.push(figures);
        }
        return figures;
      };
      for (const key of tallies.keys()) weekOf(key);
      const inWeek = new Set<number>();
      for (const { coverage, category, status } of pupilStatuses(analysis)) {
        const notification = coverage.notification;
        if (notification === null) continue;
        const pupil = { id: coverage.pupil.id, identifier: coverage.pupil.identifier, name: `${coverage.pupil.firstName} ${coverage.pupil.lastName}` };
        inWeek.add(pupil.id);
        // Only the pupils of the pôles asked for: the whole is theirs, not the département's.
        if (!poles.has(coverage.school.poleId)) continue;
        for (const key of ['total', coverage.school.poleId] as const) {
          const figures = weekOf(key)!;
          if (category === 'individual') {
            figures.notifiedMinutes += notification.weeklyMinutes ?? 0;
            figures.scheduledMinutes += coverage.plannedMinutes;
            figures.deliveredMinutes += coverage.deliveredMinutes;
          }
          if (status === 'none') figures.waiting += 1;
          addPupil(tallies.get(key)!, figures, pupil, notification.startDate, coverage.deliveredMinutes > 0, status === 'none');
        }
      }
      // A pupil whose notification ended (or who left) neither waits nor breaks any more.
      for (const tally of tallies.values()) {
        for (const [id, track] of tally.tracks) {
          if (inWeek.has(id)) continue;
          if (track.wait?.waitingAtEnd === true) {
            track.wait.waitingAtEnd = false;
            track.wait.days = daysBetween(track.wait.since, week);
          }
          tally.tracks.delete(id);
        }
      }
    },
    figures(pole, to) {
      const tally = tallies.get(pole) ?? new PoleTally();
      const sum = (key: 'notifiedMinutes' | 'scheduledMinutes' | 'deliveredMinutes'): number => tally.weeks.reduce((s, w) => s + w[key], 0);
      const waiting = tally.waits
        .map((w) => (w.waitingAtEnd ? { ...w, days: daysBetween(w.since, to) } : { ...w }))
        .sort((a, b) => b.days - a.days || a.name.localeCompare(b.name, 'fr'));
      const days = waiting.map((w) => w.days);
      const scheduledMinutes = sum('scheduledMinutes');
      const deliveredMinutes = sum('deliveredMinutes');
      return {
        schoolWeeks: tally.weeks.length,
        notifiedMinutes: sum('notifiedMinutes'),
        scheduledMinutes,
        deliveredMinutes,
        lostMinutes: scheduledMinutes - deliveredMinutes,
        weeks: tally.weeks.map((w) => ({ ...w })),
        waiting,
        medianWaitDays: median(days),
        longestWaitDays: days.length === 0 ? null : Math.max(...days),
        breaks: tally.breaks.map((b) => ({ ...b })).sort((a, b) => a.from.localeCompare(b.from) || a.name.localeCompare(b.name, 'fr')),
      };
    },
  };
}
