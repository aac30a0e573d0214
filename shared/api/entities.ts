// What the API returns: the record as the interface sees it (camelCase, minutes, ISO dates). Each
// row carries its `version`, which an update sends back: a row changed since is not overwritten.
import type { IsoDate } from '../domain/dates.ts';
import type {
  ContractKind, NotificationKind, PoleKind, SchoolKind, Sector, SlotNature, WeekPattern, Weekday,
} from '../domain/enums.ts';
import type { WeekGrid } from '../domain/grid.ts';

export interface Pole {
  id: number;
  code: string;
  name: string;
  kind: PoleKind;
  coordinator: string | null;
  pilot: string | null;
  version: number;
}
export interface PoleRow extends Pole {
  schoolCount: number;
  aeshCount: number;
}

export interface School {
  id: number;
  uai: string;
  name: string;
  kind: SchoolKind;
  sector: Sector;
  commune: string | null;
  poleId: number | null;
  week: WeekPattern;
  grid: WeekGrid;
  latitude: number | null;
  longitude: number | null;
  version: number;
}
export interface SchoolRow extends School {
  poleCode: string | null;
  pupilCount: number;
}

export interface Pupil {
  id: number;
  identifier: string;
  lastName: string;
  firstName: string;
  birthDate: IsoDate | null;
  schoolId: number;
  level: string | null;
  className: string | null;
  ulis: boolean;
  version: number;
}
/** A pupil in a list, with the notification in force today (if any) summarised. */
export interface PupilRow extends Pupil {
  schoolName: string;
  schoolUai: string;
  poleCode: string | null;
  currentKind: NotificationKind | null;
  currentWeeklyMinutes: number | null;
  currentEndDate: IsoDate | null;
}

export interface Notification {
  id: number;
  pupilId: number;
  kind: NotificationKind;
  weeklyMinutes: number | null;
  startDate: IsoDate;
  endDate: IsoDate;
  lunchBreak: boolean;
  activities: string | null;
  version: number;
}
export interface PupilDetail extends Pupil {
  notifications: Notification[];
}

export interface Aesh {
  id: number;
  matricule: string;
  lastName: string;
  firstName: string;
  homeCommune: string | null;
  poleId: number | null;
  skills: string[];
  referent: boolean;
  version: number;
}
export interface AeshRow extends Aesh {
  poleCode: string | null;
  contractKind: ContractKind | null;
  contractWeeklyMinutes: number | null;
  contractEndDate: IsoDate | null;
  scheduledWeeklyMinutes: number;
}

export interface Contract {
  id: number;
  aeshId: number;
  kind: ContractKind;
  startDate: IsoDate;
  endDate: IsoDate | null;
  weeklyMinutes: number;
  annualMinutes: number;
  quotitePercent: number;
  version: number;
}
export interface Absence {
  id: number;
  aeshId: number;
  startDate: IsoDate;
  endDate: IsoDate;
  reason: string | null;
  version: number;
}
export interface AeshDetail extends Aesh {
  contracts: Contract[];
  absences: Absence[];
}

export interface Slot {
  id: number;
  aeshId: number;
  schoolId: number;
  weekday: Weekday;
  startMinute: number;
  endMinute: number;
  nature: SlotNature;
  pupilIds: number[];
  validFrom: IsoDate | null;
  validTo: IsoDate | null;
  version: number;
}

export interface JournalEntry {
  id: number;
  /** Lines written by one transaction share it: a change is undone as a whole. */
  changeId: number | null;
  at: string;
  actor: string;
  action: 'create' | 'update' | 'delete' | 'bulk';
  entity: string;
  entityId: number | null;
  before: unknown;
  after: unknown;
}

export interface RecordCounts {
  poles: number;
  schools: number;
  pupils: number;
  notifications: number;
  aesh: number;
  contracts: number;
  absences: number;
  slots: number;
  journal: number;
}
/** A stored setting that no longer passes its rule: read as its default, kept in the record. */
export interface StaleSetting {
  field: string;
  message: string;
}
export interface AppInfo {
  appVersion: string;
  schemaVersion: number;
  databasePath: string;
  counts: RecordCounts;
  staleSettings: StaleSetting[];
}
