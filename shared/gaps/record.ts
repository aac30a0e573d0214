// What the engine reads: the whole record as plain data, loaded once by the services. Pure and
// isomorphic, so that the same functions run in the main process, in a worker or in a test.
import type { Settings } from '../domain/settings.ts';
import type { IsoDate } from '../domain/dates.ts';
import type { ContractKind, NotificationKind, PoleKind, SchoolKind, SlotNature, Weekday } from '../domain/enums.ts';
import type { WeekGrid } from '../domain/grid.ts';

export interface EnginePole { id: number; code: string; name: string; kind: PoleKind }
export interface EngineSchool {
  id: number; uai: string; name: string; kind: SchoolKind; poleId: number | null; commune: string | null;
  grid: WeekGrid; latitude: number | null; longitude: number | null;
}
export interface EnginePupil { id: number; identifier: string; firstName: string; lastName: string; schoolId: number; level: string | null; ulis: boolean }
export interface EngineNotification {
  id: number; pupilId: number; kind: NotificationKind; weeklyMinutes: number | null; startDate: IsoDate; endDate: IsoDate;
  /** Read by the timetable suggestions only, not by the gaps engine. */
  activities?: string | null;
}
export interface EngineAesh { id: number; matricule: string; firstName: string; lastName: string; poleId: number | null; referent: boolean;
  /** Read by the timetable suggestions only, not by the gaps engine. */
  skills?: string[];
}
export interface EngineContract { aeshId: number; kind: ContractKind; startDate: IsoDate; endDate: IsoDate | null; weeklyMinutes: number }
export interface EngineAbsence { aeshId: number; startDate: IsoDate; endDate: IsoDate; reason: string | null }
export interface EngineSlot {
  id: number; aeshId: number; schoolId: number; weekday: Weekday; startMinute: number; endMinute: number;
  nature: SlotNature; pupilIds: number[]; validFrom: IsoDate | null; validTo: IsoDate | null;
  /** The row's version, read by the timetable editor only: its updates send it back. */
  version?: number;
}

/** From `date` on, the AESH works for `toPoleId` (before it, for `fromPoleId`). */
export interface EngineMove { aeshId: number; fromPoleId: number | null; toPoleId: number | null; date: IsoDate }

/** Read-only: the engine memoises its date-independent indexes on this object (indexes.ts). */
export interface EngineRecord {
  readonly poles: readonly EnginePole[];
  readonly schools: readonly EngineSchool[];
  readonly pupils: readonly EnginePupil[];
  readonly notifications: readonly EngineNotification[];
  readonly aesh: readonly EngineAesh[];
  readonly contracts: readonly EngineContract[];
  readonly absences: readonly EngineAbsence[];
  readonly slots: readonly EngineSlot[];
  /** The AESH's moves between pôles, by date; the AESH's `poleId` is the pôle after the last one. */
  readonly moves: readonly EngineMove[];
  readonly settings: Settings;
}
