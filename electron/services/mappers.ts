// Rows as SQLite stores them → entities as the API returns them.
import type {
  Absence, Aesh, Contract, Notification, Pole, Pupil, School,
} from '../../shared/api/entities.ts';
import { annualServiceMinutes, quotitePercent, type WorkingTimeSettings } from '../../shared/domain/contract.ts';
import type {
  ContractKind, NotificationKind, PoleKind, SchoolKind, Sector, WeekPattern,
} from '../../shared/domain/enums.ts';
import type { WeekGrid } from '../../shared/domain/grid.ts';
import type { Row } from '../../db/schema.ts';

export const toPole = (row: Row<'poles'>): Pole => ({
  id: row.id, code: row.code, name: row.name, kind: row.kind as PoleKind, coordinator: row.coordinator, pilot: row.pilot, version: row.version,
});

export const toSchool = (row: Row<'schools'>): School => ({
  id: row.id,
  uai: row.uai,
  name: row.name,
  kind: row.kind as SchoolKind,
  sector: row.sector as Sector,
  commune: row.commune,
  poleId: row.poleId,
  week: row.week as WeekPattern,
  grid: JSON.parse(row.gridJson) as WeekGrid,
  latitude: row.latitude,
  longitude: row.longitude,
  version: row.version,
});

export const toPupil = (row: Row<'pupils'>): Pupil => ({
  id: row.id,
  identifier: row.identifier,
  lastName: row.lastName,
  firstName: row.firstName,
  birthDate: row.birthDate,
  schoolId: row.schoolId,
  level: row.level,
  className: row.className,
  ulis: row.ulis === 1,
  version: row.version,
});

export const toNotification = (row: Row<'notifications'>): Notification => ({
  id: row.id,
  pupilId: row.pupilId,
  kind: row.kind as NotificationKind,
  weeklyMinutes: row.weeklyMinutes,
  startDate: row.startDate,
  endDate: row.endDate,
  lunchBreak: row.lunchBreak === 1,
  activities: row.activities,
  version: row.version,
});

export const toAesh = (row: Row<'aesh'>): Aesh => ({
  id: row.id,
  matricule: row.matricule,
  lastName: row.lastName,
  firstName: row.firstName,
  homeCommune: row.homeCommune,
  poleId: row.poleId,
  skills: JSON.parse(row.skills) as string[],
  referent: row.referent === 1,
  version: row.version,
});

export const toContract = (row: Row<'contracts'>, settings: WorkingTimeSettings): Contract => ({
  id: row.id,
  aeshId: row.aeshId,
  kind: row.kind as ContractKind,
  startDate: row.startDate,
  endDate: row.endDate,
  weeklyMinutes: row.weeklyMinutes,
  annualMinutes: annualServiceMinutes(row.weeklyMinutes, settings),
  quotitePercent: quotitePercent(row.weeklyMinutes, settings),
  version: row.version,
});

export const toAbsence = (row: Row<'absences'>): Absence => ({
  id: row.id, aeshId: row.aeshId, startDate: row.startDate, endDate: row.endDate, reason: row.reason, version: row.version,
});
