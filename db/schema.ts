// The tables as Kysely sees them through CamelCasePlugin (snake_case in SQLite, camelCase here).
// Booleans are 0/1, dates ISO text, durations and times of day whole minutes. `version` counts a
// row's updates: an update carrying an older one is refused (db/migrations/0005_row_versions.ts).
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface PolesTable {
  id: Generated<number>;
  code: string;
  name: string;
  kind: string;
  coordinator: string | null;
  pilot: string | null;
  version: Generated<number>;
}
export interface SchoolsTable {
  id: Generated<number>;
  uai: string;
  name: string;
  kind: string;
  sector: string;
  commune: string | null;
  poleId: number | null;
  week: string;
  gridJson: string;
  latitude: number | null;
  longitude: number | null;
  version: Generated<number>;
}
export interface PupilsTable {
  id: Generated<number>;
  identifier: string;
  lastName: string;
  firstName: string;
  birthDate: string | null;
  schoolId: number;
  level: string | null;
  className: string | null;
  ulis: number;
  version: Generated<number>;
}
export interface NotificationsTable {
  id: Generated<number>;
  pupilId: number;
  kind: string;
  weeklyMinutes: number | null;
  startDate: string;
  endDate: string;
  lunchBreak: number;
  activities: string | null;
  version: Generated<number>;
}
export interface AeshTable {
  id: Generated<number>;
  matricule: string;
  lastName: string;
  firstName: string;
  homeCommune: string | null;
  poleId: number | null;
  skills: string;
  referent: number;
  version: Generated<number>;
}
export interface ContractsTable {
  id: Generated<number>;
  aeshId: number;
  kind: string;
  startDate: string;
  endDate: string | null;
  weeklyMinutes: number;
  version: Generated<number>;
}
export interface AbsencesTable {
  id: Generated<number>;
  aeshId: number;
  startDate: string;
  endDate: string;
  reason: string | null;
  version: Generated<number>;
}
export interface SlotsTable {
  id: Generated<number>;
  aeshId: number;
  schoolId: number;
  weekday: number;
  startMinute: number;
  endMinute: number;
  nature: string;
  validFrom: string | null;
  validTo: string | null;
  version: Generated<number>;
}
export interface SlotPupilsTable {
  slotId: number;
  pupilId: number;
}
export interface JournalTable {
  id: Generated<number>;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: number | null;
  beforeJson: string | null;
  afterJson: string | null;
  changeId: number | null;
}
export interface SnapshotsTable {
  id: Generated<number>;
  date: string;
  label: string;
  createdAt: string;
  indicatorsJson: string;
}
export interface AeshMovesTable {
  id: Generated<number>;
  aeshId: number;
  fromPoleId: number | null;
  toPoleId: number | null;
  date: string;
  amendmentDone: Generated<number>;
  createdAt: string;
  version: Generated<number>;
}
export interface SaisineNaturesTable {
  id: Generated<number>;
  label: string;
  version: Generated<number>;
}
/** A PAS's saisine; its status follows from its steps and closure (shared/domain/saisines.ts). */
export interface SaisinesTable {
  id: Generated<number>;
  poleId: number;
  number: string;
  receivedOn: string;
  channel: string | null;
  origin: string;
  requester: string | null;
  requesterContact: string | null;
  pupilId: number | null;
  schoolId: number;
  /** The plans the pupil already has, comma-separated (PPRE,PAP…), as the workbook's cell. */
  plans: Generated<string>;
  mdphStatus: Generated<string>;
  lpiConsultedOn: string | null;
  natureId: number;
  description: string | null;
  coordinator: string | null;
  educator: string | null;
  goals: string | null;
  bilanActions: string | null;
  bilanEffects: string | null;
  bilanNext: string | null;
  bilanSentOn: string | null;
  closure: string | null;
  reorientedTo: string | null;
  closedOn: string | null;
  anonymisedOn: string | null;
  version: Generated<number>;
}
export interface SaisineStepsTable {
  id: Generated<number>;
  saisineId: number;
  step: number;
  date: string;
  author: string | null;
  decision: string | null;
  note: string | null;
  version: Generated<number>;
}
export interface SaisineActionsTable {
  id: Generated<number>;
  saisineId: number;
  type: string;
  description: string | null;
  owner: string | null;
  startDate: string | null;
  endDate: string | null;
  frequency: string | null;
  version: Generated<number>;
}
/** The record's own facts: its stable id (`record_id`), named in the packages it makes. */
export interface RecordMetaTable {
  key: string;
  value: string;
}
/** Per pôle and record received from: the pôle's rows here right after that package (electron/exchange/package.ts). */
export interface PackageBaselinesTable {
  poleCode: string;
  sourceRecord: string;
  receivedAt: string;
  madeAt: string;
  hashesJson: string;
}
export interface SettingsTable {
  key: string;
  valueJson: string;
}

export interface Database {
  poles: PolesTable;
  schools: SchoolsTable;
  pupils: PupilsTable;
  notifications: NotificationsTable;
  aesh: AeshTable;
  contracts: ContractsTable;
  absences: AbsencesTable;
  slots: SlotsTable;
  slotPupils: SlotPupilsTable;
  journal: JournalTable;
  settings: SettingsTable;
  snapshots: SnapshotsTable;
  aeshMoves: AeshMovesTable;
  saisineNatures: SaisineNaturesTable;
  saisines: SaisinesTable;
  saisineSteps: SaisineStepsTable;
  saisineActions: SaisineActionsTable;
  recordMeta: RecordMetaTable;
  packageBaselines: PackageBaselinesTable;
}

export type TableName = keyof Database;
export type Row<T extends TableName> = Selectable<Database[T]>;
export type NewRow<T extends TableName> = Insertable<Database[T]>;
export type RowUpdate<T extends TableName> = Updateable<Database[T]>;
