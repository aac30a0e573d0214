// The whole API as one typed contract: each method names its input schema and its result type.
// The services (electron/services), the IPC bridge, the browser-mode bridge, the CLI and the
// renderer's client are all derived from this object, so adding a method here is the only way in.
import { z } from 'zod';
import type {
  AeshDetail, AeshRow, Absence, AppInfo, Contract, JournalEntry, Notification, Pole, PoleRow, PupilDetail,
  PupilRow, RecordCounts, School, SchoolRow, Slot, Aesh, Pupil,
} from './entities.ts';
import {
  absenceFields, absenceUpdate, aeshFields, aeshUpdate, contractFields, contractUpdate, idInput, noInput,
  notificationFields, notificationUpdate, poleFields, poleUpdate, pupilFields, pupilUpdate, schoolFields,
  schoolUpdate, settingsSchema, slotFields, slotUpdate,
} from './inputs.ts';
import { isoDate, requiredText } from './fields.ts';
import type { Gap } from '../gaps/types.ts';
import { savedMappingSchema, valueMappingSchema, type SavedMapping, type SheetAssignment, type ValueMapping } from '../exchange/mapping.ts';
import { SHEET_KEYS } from '../exchange/sheets.ts';
import { SUPPORT_CATEGORIES, SUPPORT_STATUSES, type Indicators, type StatusCounts, type SupportCategory, type SupportStatus } from '../gaps/indicators.ts';
import type { Repartition } from '../repartition/balance.ts';
import type { EngineRecord } from '../gaps/record.ts';
import type { IsoDate } from '../domain/dates.ts';
import type { Settings } from '../domain/settings.ts';
import {
  allocationAcceptInput, allocationCandidatesInput, allocationCoverInput, allocationStartInput, jobInput,
  type AllocationProposalView, type CandidateView, type JobStatus,
} from './allocation.ts';
import { packageExportInput, packageFileInput, packageImportInput, type PackageImportResult, type PackagePreview } from './packages.ts';
import {
  actionFields, actionUpdate, natureFields, personInput, saisineBilanInput, saisineCloseInput, saisineFields, saisineListInput,
  saisinePlanInput, saisineUpdate, stepFields, stepUpdate,
  type PersonErased, type SaisineAction, type SaisineDetail, type SaisineNature, type SaisineRow, type SaisineStep,
} from './saisines.ts';
import { activityExportInput, activityInput, type ActivityFigures } from './activity.ts';
import { surveyFillInput, surveyReadInput, type FilledSurvey, type SurveyTemplateView } from './surveys.ts';

export interface Method<I extends z.ZodType, O> {
  input: I;
  /** Never set: carries the result type. */
  output?: O;
}
function takes<I extends z.ZodType>(input: I): { returns<O>(): Method<I, O> } {
  return { returns: () => ({ input }) };
}

/** Analyses take an optional date (today by default). */
const onDate = z.object({ date: isoDate.optional() }).default({});

export interface SnapshotSummary {
  id: number;
  date: string;
  label: string;
  createdAt: string;
  pupils: StatusCounts;
  /** The same counts for each pôle, as saved. */
  poles: { poleId: number | null; poleCode: string | null; pupils: StatusCounts }[];
}

/** Behind a dashboard figure: the pupils it counts. */
export interface CountedPupil {
  pupilId: number;
  identifier: string;
  name: string;
  poleCode: string | null;
  uai: string;
  schoolName: string;
  category: SupportCategory;
  status: SupportStatus;
  notifiedMinutes: number | null;
  plannedMinutes: number;
  deliveredMinutes: number;
  /** Start of the notification in force (null for ULIS pupils without one). */
  since: string | null;
}
/** Behind a dashboard figure: the AESH under contract it counts. */
export interface CountedAesh {
  aeshId: number;
  matricule: string;
  name: string;
  poleCode: string | null;
  contractKind: 'CDD' | 'CDI';
  contractMinutes: number;
  scheduledMinutes: number;
  spareMinutes: number;
  referent: boolean;
}

const plannedMove = z.object({ aeshId: z.number().int(), toPoleId: z.number().int(), date: isoDate });
/** A move of an AESH between pôles as recorded, with the amendment it calls for. */
export interface AeshMove {
  id: number;
  aeshId: number;
  aeshName: string;
  matricule: string;
  fromPoleCode: string | null;
  toPoleCode: string | null;
  date: string;
  amendmentDone: boolean;
}
/** A move previewed: who goes where, and what it does to their week. */
export interface MovePreview {
  aeshId: number;
  aeshName: string;
  fromPoleCode: string | null;
  toPoleCode: string | null;
  date: string;
  slotsEnded: number;
  pupilsLeft: number;
}
export interface RepartitionView extends Repartition {
  /** The moves tried (what-if), as they change the record. */
  preview: MovePreview[];
  /** The AESH of the pôle asked for (after the moves tried), to pick one to move. */
  aeshOfPole: CountedAesh[];
  /** Recorded moves whose contract amendment is still to be made. */
  pendingAmendments: AeshMove[];
}
export interface Snapshot {
  id: number;
  date: string;
  label: string;
  createdAt: string;
  indicators: Indicators;
}

const sheetAssignment = z.object({
  target: z.enum(SHEET_KEYS),
  source: z.string(),
  columns: z.record(z.string(), z.string().nullable()),
});
/** A file sent for import, with the mapping to use: corrected in the preview, saved, or none (proposed). */
const fileInput = z.object({
  fileName: z.string().min(1),
  // 60 MB (the largest limit the settings allow) as base64; the setting itself is checked before reading.
  dataBase64: z.string().max(82 * 1024 * 1024, 'Fichier trop volumineux (60 Mo au plus).'),
  assignments: z.array(sheetAssignment).optional(),
  /** A saved mapping (JSON), its `values` included. */
  mapping: savedMappingSchema.optional(),
  /** Values of closed columns mapped in the preview; else the saved mapping's. */
  values: valueMappingSchema.optional(),
  /** The header row chosen in the preview (1-based line), by sheet of the file; else detected. */
  headerRows: z.record(z.string(), z.number().int().min(1).max(1_048_576)).optional(),
});
const importInput = fileInput.extend({ strict: z.boolean().default(false), dryRun: z.boolean().default(false) });
export const EXPORT_KINDS = ['record', 'dashboards', 'survey', 'timetables'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
const exportInput = z.object({ kind: z.enum(EXPORT_KINDS), date: isoDate.optional(), pole: z.string().optional() });
const snapshotInput = z.object({ date: isoDate, label: requiredText(80) });

/** The lists that export what they show (Élèves, AESH, Établissements, Alertes). */
export const LIST_KINDS = ['pupils', 'aesh', 'schools', 'alerts'] as const;
export type ListKind = (typeof LIST_KINDS)[number];
/** What a list shows: its columns (a date column holds ISO dates) and its rows, as on screen. */
const shownList = z.object({
  kind: z.enum(LIST_KINDS),
  columns: z.array(z.object({ header: z.string().min(1).max(80), type: z.enum(['text', 'number', 'date']) })).min(1).max(40),
  rows: z.array(z.array(z.union([z.string().max(4000), z.number(), z.null()])).max(40)).max(200_000),
});

export interface ImportRefusalView {
  sheet: string; source: string; row: number; column: string | null; reason: string;
  /** Refused only because another part of the same line was. */
  withLine: boolean;
}
export interface ImportNoticeView { sheet: string; source: string; row: number | null; message: string }
export interface SheetReportView {
  sheet: string; created: number; updated: number; unchanged: number; refused: ImportRefusalView[];
  /** Kept with something to check (a conflicting decision), or left out without loss (a total row). */
  notices: ImportNoticeView[];
}
/** A value of a closed column that no known spelling reads: mapped once in the preview (`mappedTo`), or still to be. */
export interface UnknownValueView { column: string; value: string; count: number; words: readonly string[]; mappedTo: string | null }
export interface ImportPreview {
  sheets: { name: string; headers: string[]; rows: number; hidden: boolean; headerLine: number; firstLines: { line: number; cells: string[] }[] }[];
  assignments: SheetAssignment[];
  /** The mapping in effect, as saved (JSON). */
  mapping: SavedMapping;
  values: ValueMapping;
  problems: string[];
  ignoredColumns: { sheet: string; header: string }[];
  /** Sheets of the file that feed nothing, and why. */
  setAside: { sheet: string; reason: string }[];
  unknownValues: UnknownValueView[];
  reports: SheetReportView[];
  /** The pôle whose package this file is: it is imported as a package, never by the ordinary import. */
  packageOf: string | null;
}
/** An import's outcome: the preview it wrote from, and whether it wrote. */
export interface ImportResult extends ImportPreview { written: boolean }
export interface ExportedFile { fileName: string; dataBase64: string }

/** What the timetable editor works on: the pôle's part of the record, for the engine to run on. */
export interface TimetableWorkspace {
  poleId: number;
  record: EngineRecord;
}
export const slotOperation = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('create'), slot: slotFields }),
  z.object({ kind: z.literal('update'), slot: slotUpdate }),
  z.object({ kind: z.literal('delete'), id: z.number().int() }),
]);
export type SlotOperation = z.input<typeof slotOperation>;
/** A change of the journal: what undo and redo name. */
export interface ChangeDone { changeId: number; slots: Slot[] }

export const BACKUP_REASONS = ['demarrage', 'import', 'migration', 'edition', 'restauration', 'manuelle', 'chiffrement'] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];
export interface BackupInfo { name: string; at: string; reason: BackupReason; bytes: number }

/**
 * Where the record stands before any other call: open; locked (encrypted, its passphrase to be
 * typed); new, its passphrase to be chosen (no OS keychain); damaged (integrity_check failed, the
 * newest good backup offered instead).
 */
export interface RecordState {
  status: 'open' | 'locked' | 'new-passphrase' | 'damaged';
  path: string;
  encrypted: boolean;
  /** The OS keychain keeps the key: no passphrase to type. */
  keychain: boolean;
  /** Why the record is not open (a wrong passphrase, the damage found), in French. */
  message: string | null;
  /** Why the last automatic backup failed, until one succeeds. */
  backupProblem: string | null;
  goodBackup: BackupInfo | null;
}
const passphrase = z.string().min(8, 'Au moins 8 caractères.').max(200, '200 caractères au plus.');

export const DEMO_SCALES = ['small', 'medium', 'department'] as const;
export type DemoScale = (typeof DEMO_SCALES)[number];

export const apiContract = {
  'record.state': takes(noInput).returns<RecordState>(),
  'record.unlock': takes(z.object({ passphrase: z.string().min(1, 'Obligatoire.').max(200) })).returns<RecordState>(),
  'record.create': takes(z.object({ passphrase })).returns<RecordState>(),
  'record.encrypt': takes(z.object({ passphrase: passphrase.optional() })).returns<RecordState>(),
  'backups.list': takes(noInput).returns<BackupInfo[]>(),
  'backups.create': takes(noInput).returns<BackupInfo>(),
  'backups.restore': takes(z.object({ name: z.string().min(1) })).returns<RecordState>(),
  'app.info': takes(noInput).returns<AppInfo>(),
  /** Today by the services' clock: the renderer's "today", so that screens and services agree on the date. */
  'clock.today': takes(noInput).returns<IsoDate>(),
  'app.seedDemo': takes(z.object({ scale: z.enum(DEMO_SCALES), seed: z.number().int().optional() })).returns<RecordCounts>(),
  'settings.get': takes(noInput).returns<Settings>(),
  'settings.update': takes(settingsSchema).returns<Settings>(),
  'journal.list': takes(z.object({ limit: z.number().int().min(1).max(1000).default(100) })).returns<JournalEntry[]>(),
  'journal.undo': takes(z.object({ changeId: z.number().int() })).returns<{ changeId: number; lines: number }>(),

  'poles.list': takes(noInput).returns<PoleRow[]>(),
  'poles.create': takes(poleFields).returns<Pole>(),
  'poles.update': takes(poleUpdate).returns<Pole>(),
  /** A pôle with schools or AESH attached is deleted only once `confirmed`: they are then left without a pôle. */
  'poles.delete': takes(idInput.extend({ confirmed: z.boolean().default(false) })).returns<void>(),

  'schools.list': takes(noInput).returns<SchoolRow[]>(),
  'schools.create': takes(schoolFields).returns<School>(),
  'schools.update': takes(schoolUpdate).returns<School>(),
  'schools.delete': takes(idInput).returns<void>(),

  'pupils.list': takes(z.object({ date: z.string().optional() }).default({})).returns<PupilRow[]>(),
  'pupils.get': takes(idInput).returns<PupilDetail>(),
  'pupils.create': takes(pupilFields).returns<Pupil>(),
  'pupils.update': takes(pupilUpdate).returns<Pupil>(),
  'pupils.delete': takes(idInput).returns<void>(),

  'notifications.create': takes(notificationFields).returns<Notification>(),
  'notifications.update': takes(notificationUpdate).returns<Notification>(),
  'notifications.delete': takes(idInput).returns<void>(),
  /** The usual fix of a NOTIFICATION_CONFLICT gap: the decision of the other kind that overlaps this one ends the day before it. */
  'notifications.closePrevious': takes(z.object({ notificationId: z.number().int() })).returns<ChangeDone>(),

  'aesh.list': takes(z.object({ date: z.string().optional() }).default({})).returns<AeshRow[]>(),
  'aesh.get': takes(idInput).returns<AeshDetail>(),
  'aesh.create': takes(aeshFields).returns<Aesh>(),
  'aesh.update': takes(aeshUpdate).returns<Aesh>(),
  'aesh.delete': takes(idInput).returns<void>(),

  'contracts.create': takes(contractFields).returns<Contract>(),
  'contracts.update': takes(contractUpdate).returns<Contract>(),
  'contracts.delete': takes(idInput).returns<void>(),

  'absences.create': takes(absenceFields).returns<Absence>(),
  'absences.update': takes(absenceUpdate).returns<Absence>(),
  'absences.delete': takes(idInput).returns<void>(),

  'slots.list': takes(z.object({ aeshId: z.number().int().optional(), schoolId: z.number().int().optional() })).returns<Slot[]>(),
  'slots.create': takes(slotFields).returns<Slot>(),
  'slots.update': takes(slotUpdate).returns<Slot>(),
  'slots.delete': takes(idInput).returns<void>(),
  'timetable.workspace': takes(z.object({ poleId: z.number().int() })).returns<TimetableWorkspace>(),
  'timetable.apply': takes(z.object({ operations: z.array(slotOperation).min(1).max(2000) })).returns<ChangeDone>(),

  'gaps.list': takes(onDate).returns<Gap[]>(),
  'indicators.get': takes(onDate).returns<Indicators>(),
  'indicators.pupils': takes(z.object({
    date: isoDate.optional(), poleId: z.number().int().optional(),
    status: z.enum(SUPPORT_STATUSES).optional(), category: z.enum(SUPPORT_CATEGORIES).optional(), degree: z.enum(['first', 'second']).optional(),
  })).returns<CountedPupil[]>(),
  'indicators.aesh': takes(z.object({ date: isoDate.optional(), poleId: z.number().int().optional() })).returns<CountedAesh[]>(),
  'repartition.get': takes(z.object({
    date: isoDate.optional(), moves: z.array(plannedMove).max(200).default([]), aeshOfPole: z.number().int().optional(),
  })).returns<RepartitionView>(),
  'repartition.move': takes(z.object({ moves: z.array(plannedMove).min(1).max(200) })).returns<{ changeId: number; moved: number }>(),
  'moves.amendmentDone': takes(idInput).returns<void>(),
  'snapshots.list': takes(noInput).returns<SnapshotSummary[]>(),
  'snapshots.get': takes(idInput).returns<Snapshot>(),
  'snapshots.create': takes(snapshotInput).returns<Snapshot>(),
  /** The same snapshot as a job (jobs.status, jobs.cancel): a cancel before its write saves nothing. */
  'snapshots.start': takes(snapshotInput).returns<{ jobId: string }>(),
  'snapshots.result': takes(jobInput).returns<Snapshot>(),
  'snapshots.delete': takes(idInput).returns<void>(),

  'exchange.preview': takes(fileInput).returns<ImportPreview>(),
  'exchange.import': takes(importInput).returns<ImportResult>(),
  /** The preview or the import as a job (jobs.status, jobs.cancel): a cancel writes nothing. */
  'import.start': takes(importInput.extend({ mode: z.enum(['preview', 'write']) })).returns<{ jobId: string }>(),
  'import.result': takes(jobInput).returns<ImportResult>(),
  'exchange.refused': takes(fileInput).returns<ExportedFile & { rows: number }>(),
  'exchange.export': takes(exportInput).returns<ExportedFile>(),
  /** The same export as a job (jobs.status, jobs.cancel): its steps as it goes; a cancel gives no file. */
  'export.start': takes(exportInput).returns<{ jobId: string }>(),
  'export.result': takes(jobInput).returns<ExportedFile>(),

  /** Packages between coordinators (electron/services/packages.ts): one pôle's rows, sent and received. */
  'packages.export': takes(packageExportInput).returns<ExportedFile>(),
  'packages.preview': takes(packageFileInput).returns<PackagePreview>(),
  /** Nothing is written while a conflict of the preview has no choice: refused in French. */
  'packages.import': takes(packageImportInput).returns<PackageImportResult>(),

  /** Long work started off the request (electron/services/jobs.ts): its progress, and stopping it. */
  'jobs.status': takes(jobInput).returns<JobStatus>(),
  'jobs.cancel': takes(jobInput).returns<{ cancelled: boolean }>(),
  /** The allocation assistant (shared/allocation, electron/allocation): a proposal computed as a job, then accepted in one change. */
  'allocation.start': takes(allocationStartInput).returns<{ jobId: string }>(),
  'allocation.cover': takes(allocationCoverInput).returns<{ jobId: string }>(),
  'allocation.result': takes(jobInput).returns<AllocationProposalView>(),
  'allocation.accept': takes(allocationAcceptInput).returns<ChangeDone>(),
  'allocation.candidates': takes(allocationCandidatesInput).returns<CandidateView[]>(),
  'lists.export': takes(shownList).returns<ExportedFile>(),
  /** The académie's own survey template (shared/survey, electron/services/surveys.ts): read and mapped, then filled for a date. */
  'surveys.read': takes(surveyReadInput).returns<SurveyTemplateView>(),
  'surveys.fill': takes(surveyFillInput).returns<FilledSurvey>(),

  /** The PAS's register of saisines (electron/services/saisines.ts). */
  'saisines.list': takes(saisineListInput).returns<SaisineRow[]>(),
  'saisines.get': takes(idInput).returns<SaisineDetail>(),
  'saisines.create': takes(saisineFields).returns<SaisineDetail>(),
  'saisines.update': takes(saisineUpdate).returns<SaisineDetail>(),
  'saisines.plan': takes(saisinePlanInput).returns<SaisineDetail>(),
  'saisines.bilan': takes(saisineBilanInput).returns<SaisineDetail>(),
  'saisines.close': takes(saisineCloseInput).returns<SaisineDetail>(),
  'saisineSteps.create': takes(stepFields).returns<SaisineStep>(),
  'saisineSteps.update': takes(stepUpdate).returns<SaisineStep>(),
  'saisineSteps.delete': takes(idInput).returns<void>(),
  'saisineActions.create': takes(actionFields).returns<SaisineAction>(),
  'saisineActions.update': takes(actionUpdate).returns<SaisineAction>(),
  'saisineActions.delete': takes(idInput).returns<void>(),
  'saisineNatures.list': takes(noInput).returns<SaisineNature[]>(),
  'saisineNatures.create': takes(natureFields).returns<SaisineNature>(),
  /** Closed saisines past the retention period of Paramètres lose what names a person; the figures stay. */
  'saisines.anonymiseExpired': takes(noInput).returns<{ anonymised: number }>(),
  /** Everything the record holds about the pupil (and requester) of a saisine, as JSON. */
  'saisines.personExport': takes(personInput).returns<ExportedFile>(),
  /** Anonymises now every saisine about that pupil, and the pupil when known only through them. */
  'saisines.personErase': takes(personInput).returns<PersonErased>(),

  /** Every pôle's activity over a period (shared/activity): at once, or as a job with progress. */
  'activity.get': takes(activityInput).returns<ActivityFigures>(),
  'activity.start': takes(activityInput).returns<{ jobId: string }>(),
  'activity.result': takes(jobInput).returns<ActivityFigures>(),
  /** The rapport d'activités: the workbook (one row per pôle) or the A4 summary per pôle. */
  'activity.export': takes(activityExportInput).returns<ExportedFile>(),
} satisfies Record<string, Method<z.ZodType, unknown>>;

export type ApiContract = typeof apiContract;
export type MethodName = keyof ApiContract;
export type ApiInput<M extends MethodName> = z.input<ApiContract[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<ApiContract[M]['input']>;
export type ApiOutput<M extends MethodName> = ApiContract[M] extends Method<z.ZodType, infer O> ? O : never;

/** What the renderer calls: one async function per method. */
export type ApiCall = <M extends MethodName>(method: M, input: ApiInput<M>) => Promise<ApiOutput<M>>;
/** What the services implement: the input already parsed by the method's schema. */
export type ApiHandlers = { [M in MethodName]: (input: ParsedInput<M>) => Promise<ApiOutput<M>> };

/** Answered by the record's host (electron/record/host.ts), whether the record is open or not. */
export const HOST_METHODS = ['record.state', 'record.unlock', 'record.create', 'record.encrypt', 'backups.list', 'backups.create', 'backups.restore'] as const;
export type HostMethod = (typeof HOST_METHODS)[number];
/** What the services of an open record answer: everything else. */
export type RecordHandlers = Omit<ApiHandlers, HostMethod>;

export const METHOD_NAMES = Object.keys(apiContract) as MethodName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(apiContract, name);
}
