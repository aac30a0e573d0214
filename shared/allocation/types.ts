// The allocation assistant's vocabulary: what it is asked (options), what it works on for one pôle
// (the problem, plain data so that it crosses to a worker thread by structured clone), and what it
// answers (a proposal: new slots with their reasons, slots ended or removed when re-planning, every
// pupil left uncovered with the reason, and the pôle's figures before and after).
import type { IsoDate } from '../domain/dates.ts';
import type { WeekGrid } from '../domain/grid.ts';
import type { SlotNature, Weekday } from '../domain/enums.ts';
import type { EngineRecord } from '../gaps/record.ts';

export interface PinnedPair { pupilId: number; aeshId: number }

export interface AllocationOptions {
  /** The proposal applies from this date: new slots start then, re-planned ones end the day before. */
  date: IsoDate;
  /** Re-plan the pôle's accompaniment slots instead of keeping every existing one. */
  replan: boolean;
  excludedAesh: readonly number[];
  excludedPupils: readonly number[];
  /** A pupil stays with their AESH: the slots joining them are kept when re-planning, and further hours go to that AESH first. */
  pinnedPairs: readonly PinnedPair[];
  /** Slots that stay where they are when re-planning. */
  pinnedSlots: readonly number[];
}

/** Slots start and end on quarter-hours. */
export const QUARTER = 15;
/** A new weekly slot lasts an hour or more: less is hard on the pupil and on the timetables. */
export const MIN_BLOCK = 60;

export const DEFAULT_OPTIONS: Omit<AllocationOptions, 'date'> = {
  replan: false, excludedAesh: [], excludedPupils: [], pinnedPairs: [], pinnedSlots: [],
};

/** A slot of an AESH's week that the proposal keeps (whatever its nature or pôle), or one it adds. */
export interface WeekEntry {
  /** The slot's id in the record; null for a slot the proposal creates. */
  slotId: number | null;
  schoolId: number;
  weekday: Weekday;
  start: number;
  end: number;
  nature: SlotNature;
}

export interface ProblemSchool { id: number; uai: string; name: string; grid: WeekGrid }

export interface ProblemAesh {
  id: number;
  matricule: string;
  /** "Sophie D.": how a reason names an AESH. */
  shortName: string;
  contractMinutes: number;
  /** Working time of the kept week, as the gaps engine counts it (workedMinutes). */
  workedMinutes: number;
  /** Skills, folded (case and accents ignored). */
  skills: string[];
  /** The kept week, in week order. */
  week: WeekEntry[];
}

/** What the assistant places hours for: one pupil with individual aid, or the pupils of one class with shared aid. */
export interface ProblemUnit {
  kind: 'individual' | 'shared';
  schoolId: number;
  pupilIds: number[];
  /** "Léa M." or "CE1 de l’école Jean Moulin (3 élèves)". */
  label: string;
  /** Minutes to place: the notification's hours not yet covered, or the shared-aid estimate × the pupils of the group. */
  needMinutes: number;
  /** Individual: the notified minutes; shared: the group's estimate. */
  targetMinutes: number;
  /** Pupils of the unit who have no support at all in the kept week. */
  withNothing: number;
  /** Folded names of the skills the notification requires. */
  requiredSkills: string[];
  /** AESH who already accompany a pupil of the unit in the kept week. */
  currentAesh: number[];
  pinnedAesh: number[];
  /** Time already covered by kept slots, per weekday: the assistant adds nothing on top of it. */
  covered: { weekday: Weekday; start: number; end: number }[];
  /** Days since the oldest notification of the unit started: the longest wait is served first among equals. */
  waitingDays: number;
  /** Absence cover: the one date its slots run on (dated replacement slots); none for the weekly timetable. */
  day?: IsoDate;
}

export interface PoleSummary {
  pupilsNotified: number;
  pupilsWithout: number;
  pupilsPartial: number;
  pupilsFull: number;
  individualNotifiedMinutes: number;
  /** Individual hours covered, each pupil counted up to their notification. */
  individualCoveredMinutes: number;
  /** Individual hours notified and not covered. */
  missingMinutes: number;
  aesh: { aeshId: number; matricule: string; name: string; workedMinutes: number; contractMinutes: number; journeys: number }[];
  travelMinutes: number;
  journeys: number;
}

export interface AllocationProblem {
  poleId: number;
  poleCode: string;
  poleName: string;
  options: AllocationOptions;
  /** The first date on which every new slot runs: figures after are read on its week. */
  fullWeekDate: IsoDate;
  schools: ProblemSchool[];
  aesh: ProblemAesh[];
  units: ProblemUnit[];
  /** Journey minutes between the schools of `travelSchools`, row-major. */
  travelSchools: number[];
  travelMinutes: number[];
  /** Re-planning: slots that end the day before the date (they ran before) or are removed (they start later). */
  ended: number[];
  removed: number[];
  /** The pôle's workspace, to read the figures before and after with the gaps engine. */
  workspace: EngineRecord;
  before: PoleSummary;
  /** Individual minutes the kept week already covers, each pupil up to their notification: what a bound adds to. */
  keptIndividualMinutes: number;
}

export interface ProposedSlot {
  aeshId: number;
  matricule: string;
  schoolId: number;
  uai: string;
  weekday: Weekday;
  startMinute: number;
  endMinute: number;
  /** The proposal's date, or the absent day for a replacement slot (which then ends that day too). */
  validFrom: IsoDate;
  validTo: IsoDate | null;
  pupilIds: number[];
  /** The pupils' identifiers. */
  pupils: string[];
  /** "Léa M. : 9 h manquantes ; Sophie D. a 6 h libres à l’école Jean Moulin le mardi matin". */
  reason: string;
}

export interface UnplacedPupil { pupilId: number; pupil: string; name: string; missingMinutes: number; reason: string }

export type AllocationMethod = 'greedy' | 'mip';

export interface PoleProposal {
  poleId: number;
  poleCode: string;
  date: IsoDate;
  method: AllocationMethod;
  slots: ProposedSlot[];
  ended: number[];
  removed: number[];
  unplaced: UnplacedPupil[];
  /** Hours the pôle lacks: what is left to place once every AESH is used, for Répartition's recruitment figure. */
  lackingMinutes: number;
  before: PoleSummary;
  after: PoleSummary;
  /** Upper bound on the individual minutes any proposal could cover (LP relaxation); null when no solver ran. */
  boundMinutes: number | null;
  seconds: number;
}
