// The record's settings as the engine reads them. They are declared here, without zod, so that the
// gaps, répartition and timetable engines depend on the domain alone; shared/api/inputs.ts checks its
// `settingsSchema` against this type, so the two cannot drift apart.
import type { Holiday, HolidayZone } from '../activity/calendar.ts';
import type { IsoDate } from './dates.ts';

export interface CoverageTarget {
  label: string;
  percent: number;
}

export interface Settings {
  schoolYearStart: IsoDate;
  schoolYearEnd: IsoDate;
  annualReferenceHours: number;
  serviceWeeks: number;
  expiringNoticeDays: number;
  roadFactor: number;
  travelSpeedKmh: number;
  sameCommuneTravelMinutes: number;
  /** Hours a week a shared notification is estimated to need (it is notified without hours). */
  sharedHoursPerPupil: number;
  /** Hours a week an ULIS unit is estimated to need. */
  ulisHoursPerUnit: number;
  /** Weekly hours of the contract a recruitment would offer. */
  recruitmentContractHours: number;
  /** Files to import above this size are refused before they are read. */
  importMaxMegabytes: number;
  /** Share of notified pupils accompanied in full aimed at by each dated snapshot's label. */
  coverageTargets: CoverageTarget[];
  /** Days after a saisine's step beyond which the next one is overdue (the PAS's reminders). */
  saisineStepDelayDays: number;
  /** Months after its closure after which a saisine is anonymised (its figures stay). */
  saisineRetentionMonths: number;
  /** The zone of the winter and spring holidays: whose national calendar fills `schoolHolidays`. */
  holidayZone: HolidayZone;
  /** The periods without class, in date order: the school weeks of Activité leave them out. */
  schoolHolidays: Holiday[];
}
