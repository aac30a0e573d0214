// Importing the exchange workbook: plan (every row read, checked with the schemas the forms use,
// referenced, classified as created, updated, unchanged or refused — nothing written), then apply
// (the accepted rows through the services' row helpers, inside the caller's write(): one
// transaction, one change of the journal, undoable as a whole). References resolve inside the file
// first, then in the record. A line of the file that feeds several sheets (an MDPH export feeds
// Élèves and Notifications) is accepted whole or refused whole. Both steps report their progress
// and stop between chunks of rows when their job is cancelled.
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Insertable } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Settings } from '../../shared/domain/settings.ts';
import { absenceFields, aeshFields, contractFields, notificationFields, poleFields, pupilFields, schoolFields, slotFields } from '../../shared/api/inputs.ts';
import { formatDate, type IsoDate } from '../../shared/domain/dates.ts';
import { birthDateProblem } from '../../shared/domain/birth-date.ts';
import { maxWeeklyMinutes } from '../../shared/domain/contract.ts';
import { isFirstDegree, type PoleKind, type SchoolKind, type Sector, type WeekPattern } from '../../shared/domain/enums.ts';
import { defaultGrid } from '../../shared/domain/grid.ts';
import { formatHours } from '../../shared/domain/hours.ts';
import { notificationConflict } from '../../shared/domain/notifications.ts';
import { valueColumnName, valuesOf, type SheetAssignment, type ValueMapping } from '../../shared/exchange/mapping.ts';
import { SHEET_KEYS, SHEETS, sheetKeyOf, type SheetKey } from '../../shared/exchange/sheets.ts';
import {
  CHOICE_COLUMNS, readAsTyped, readClock, readContractKind, readDate, readNature, readNotificationKind, readPoleKind, readSchoolKind, readSector,
  readText, readUai, readWeek, readWeekday, readYesNo, shown, valueKey, type Cell, type Read,
} from '../../shared/exchange/values.ts';
import type { ServiceContext, Trx } from '../services/context.ts';
import type { JobControl } from '../services/jobs.ts';
import { camelRow, deleteRow, insertRow, linkPupils, pupilIdsOf, unlinkSaisines, updateRow, type AnyRow } from '../services/rows.ts';
import { prepared } from '../services/statements.ts';
import type { FileSheet } from './read.ts';
import { checked, label, mappedCell, RESOLVED, resolved, RowRefusal, rowReaders, type RowReader } from './rows.ts';
import { anonymiseFromFile, loadSaisineState, SAISINE_PARSERS, SAISINE_TABLE_WORDS, saisineKeyOf, type SaisineKeyTable, type SaisineTable } from './saisine-rows.ts';

export type Table = 'poles' | 'schools' | 'pupils' | 'notifications' | 'aesh' | 'contracts' | 'absences' | 'slots' | SaisineTable;
/** The tables other rows refer to by natural key. */
export type KeyTable = 'poles' | 'schools' | 'pupils' | 'aesh' | SaisineKeyTable;
const KEY_TABLES: readonly KeyTable[] = ['poles', 'schools', 'pupils', 'aesh', 'saisineNatures', 'saisines'];
const isKeyTable = (table: Table): table is KeyTable => (KEY_TABLES as readonly string[]).includes(table);
/** Column values as the services write them (camelCase), references left out. */
type Values = Record<string, string | number | null>;
/** A reference to another record by its natural key, turned into an id when written. */
export interface Ref { table: KeyTable; key: string }

export interface Op {
  table: Table;
  key: string;
  existing: AnyRow | undefined;
  values: Values;
  refs: Record<string, Ref | null>;
  /** Slots only: the pupils served, by identifier. */
  pupils?: string[];
  status: 'create' | 'update' | 'unchanged';
}

export interface ImportRefusal {
  sheet: string;
  source: string;
  row: number;
  column: string | null;
  reason: string;
  /** Refused only because another part of its line was (the reasons are those of that part). */
  withLine: boolean;
  cells: Cell[];
}
/** What the import does that the user should know without it being refused, in French. */
export interface ImportNotice { sheet: string; source: string; row: number | null; message: string }
export interface SheetReport {
  sheet: string;
  created: number;
  updated: number;
  unchanged: number;
  /** Rows of the record a package no longer holds (package.ts); 0 for any other import. */
  deleted: number;
  refused: ImportRefusal[];
  notices: ImportNotice[];
}
/** A row of the record to delete: only a package's import asks for them (its pôle's rows are the package's). */
export interface Deletion { table: Table; key: string; existing: AnyRow }
/** A value of a closed column that no known spelling reads: mapped by the user, or still to be. */
export interface UnknownValue {
  /** "Notifications.Type", as the mapping's `values` names the column. */
  column: string;
  value: string;
  /** Rows holding it. */
  count: number;
  /** The values it may be mapped to. */
  words: readonly string[];
  /** The value the user mapped it to; null while it is not. */
  mappedTo: string | null;
}
export interface ImportPlan {
  reports: SheetReport[];
  unknownValues: UnknownValue[];
  ops: Op[];
  /** Written after the creations and updates, dependants first. */
  deletions: Deletion[];
  /** Ids of the records the plan compared with, by natural key. */
  ids: Record<KeyTable, Map<string, number>>;
  /** The journal's last line when the plan was made: any write since adds one. */
  journalMark: number;
}

/** The record as the importer compares with it: every row by its natural key. */
export interface RecordState {
  rows: Record<Table, Map<string, AnyRow>>;
  /** Natural key of each record by id, to compare references. */
  keyOf: Record<KeyTable, Map<number, string>>;
  slotPupils: Map<number, string[]>;
}

const JOURNAL_MARK_SQL = 'select coalesce(max(id), 0) from journal';
const journalMark = (sqlite: BetterSqlite3.Database): number => sqlite.prepare(JOURNAL_MARK_SQL).pluck().get() as number;

/** True when nothing was written since the plan was made: what it compared with still stands. */
export function planIsCurrent(sqlite: BetterSqlite3.Database, plan: ImportPlan): boolean {
  return journalMark(sqlite) === plan.journalMark;
}

export function loadState(sqlite: BetterSqlite3.Database): RecordState {
  const all = (table: string): AnyRow[] => (sqlite.prepare(`select * from ${table}`).all() as Record<string, unknown>[]).map(camelRow);
  const byKey = (rows: AnyRow[], key: (r: AnyRow) => string): Map<string, AnyRow> => new Map(rows.map((r) => [key(r), r]));
  const poles = all('poles');
  const schools = all('schools');
  const pupils = all('pupils');
  const aesh = all('aesh');
  const base = {
    poles: new Map(poles.map((r) => [r.id, String(r.code)])),
    schools: new Map(schools.map((r) => [r.id, String(r.uai)])),
    pupils: new Map(pupils.map((r) => [r.id, String(r.identifier)])),
    aesh: new Map(aesh.map((r) => [r.id, String(r.matricule)])),
  };
  const saisines = loadSaisineState(all, base);
  const keyOf = { ...base, ...saisines.keyOf };
  const slotPupils = new Map<number, string[]>();
  for (const link of sqlite.prepare('select slot_id, pupil_id from slot_pupils').all() as { slot_id: number; pupil_id: number }[]) {
    const list = slotPupils.get(link.slot_id) ?? [];
    list.push(keyOf.pupils.get(link.pupil_id)!);
    slotPupils.set(link.slot_id, list);
  }
  for (const list of slotPupils.values()) list.sort();
  const matricule = (r: AnyRow): string => keyOf.aesh.get(Number(r.aeshId))!;
  return {
    rows: {
      poles: byKey(poles, (r) => String(r.code)),
      schools: byKey(schools, (r) => String(r.uai)),
      pupils: byKey(pupils, (r) => String(r.identifier)),
      notifications: byKey(all('notifications'), (r) => `${keyOf.pupils.get(Number(r.pupilId))}|${String(r.kind)}|${String(r.startDate)}`),
      aesh: byKey(aesh, (r) => String(r.matricule)),
      contracts: byKey(all('contracts'), (r) => `${matricule(r)}|${String(r.startDate)}`),
      absences: byKey(all('absences'), (r) => `${matricule(r)}|${String(r.startDate)}`),
      slots: byKey(all('slots'), (r) => `${matricule(r)}|${Number(r.weekday)}|${Number(r.startMinute)}|${keyOf.schools.get(Number(r.schoolId))}|${(r.validFrom as string | null) ?? ''}`),
      ...saisines.rows,
    },
    keyOf,
    slotPupils,
  };
}

const REF_TABLE: Record<string, KeyTable> = { poleId: 'poles', schoolId: 'schools', pupilId: 'pupils', aeshId: 'aesh', natureId: 'saisineNatures', saisineId: 'saisines' };
const REF_WORDS: Record<KeyTable, string> = { poles: 'Pôle', schools: 'Établissement', pupils: 'Élève', aesh: 'AESH', saisineNatures: 'Nature', saisines: 'Saisine' };

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (a === null && b === undefined) || (typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) < 1e-9);
}

/** What a row parser needs: the record, the file's accepted keys so far, and the settings. */
export class Planner {
  readonly state: RecordState;
  readonly settings: Settings;
  /** The services' day: a birth date is judged against it, as the form's is. */
  readonly today: IsoDate;
  /** Natural keys accepted from the file, per referenced table. */
  readonly fileKeys = Object.fromEntries(KEY_TABLES.map((table) => [table, new Set<string>()])) as Record<KeyTable, Set<string>>;
  /** Where a key was refused, to say so when a later row refers to it. */
  readonly refusedKeys = new Map<string, string>();
  readonly ops: Op[] = [];
  private readonly opByKey = new Map<string, { op: Op; line: number }>();
  /** How to take back what the current line added, should another part of it be refused. */
  private undo: (() => void)[] = [];
  /** The current line's notices, kept only if the line is. */
  lineNotices: string[] = [];

  constructor(state: RecordState, settings: Settings, today: IsoDate) {
    this.state = state;
    this.settings = settings;
    this.today = today;
  }

  /** Keys refused by another part of the current line, which is refused anyway. */
  readonly lineRefused = new Set<string>();

  /** A reference to a record of the file or of the record, or a refusal naming it. */
  ref(table: KeyTable, key: string | null, column: string): Ref | null {
    if (key === null) return null;
    // Taken as found so that the rest of the part is checked: its own reasons are listed too.
    if (this.fileKeys[table].has(key) || this.state.rows[table].has(key) || this.lineRefused.has(`${table}|${key}`)) return { table, key };
    const refused = this.refusedKeys.get(`${table}|${key}`);
    throw new RowRefusal(column, `${REF_WORDS[table]} ${key} ${refused ? `refusé (${refused})` : 'inconnu'}`);
  }

  /** An optional column: read from the file when it has the column, else the record's value (`kept`). */
  given<T>(r: RowReader, key: string, read: (cell: Cell) => Read<T | null>, kept: T | null | undefined): T | null {
    return r.has(key) ? r.read(key, read) : kept ?? null;
  }

  /** The pôle of a school or an AESH: the file's column, else the record's. */
  pole(r: RowReader, existing: AnyRow | undefined): Ref | null {
    const code = r.has('pole') ? r.read('pole', readText) : existing?.poleId == null ? null : this.state.keyOf.poles.get(Number(existing.poleId)) ?? null;
    return this.ref('poles', code, 'Pôle');
  }

  /** Classifies a parsed row against the record; a repeat of a row of the file merges with it. */
  add(table: Table, key: string, values: Values, refs: Record<string, Ref | null>, line: number, pupils?: string[]): Op {
    const seen = this.opByKey.get(`${table}|${key}`);
    if (seen !== undefined) {
      const same = Object.entries(values).every(([k, v]) => sameValue(seen.op.values[k], v))
        && Object.entries(refs).every(([k, v]) => seen.op.refs[k]?.key === v?.key)
        && (pupils ?? []).join(';') === (seen.op.pupils ?? []).join(';');
      if (!same) throw new RowRefusal(null, `même clé que la ligne ${seen.line} avec d’autres valeurs`);
      return { ...seen.op, status: 'unchanged' };
    }
    const existing = this.state.rows[table].get(key);
    const op: Op = { table, key, existing, values, refs, pupils, status: existing === undefined ? 'create' : 'unchanged' };
    if (existing !== undefined && !this.matches(op, existing)) op.status = 'update';
    this.ops.push(op);
    this.opByKey.set(`${table}|${key}`, { op, line });
    const unnote = this.notePeriod(op);
    if (isKeyTable(table)) this.fileKeys[table].add(key);
    this.undo.push(() => {
      this.ops.pop();
      this.opByKey.delete(`${table}|${key}`);
      unnote();
      if (isKeyTable(table)) this.fileKeys[table].delete(key);
    });
    return op;
  }

  /** The row of the file accepted so far under this key, if any (a saisine's reception date for its steps). */
  planned(table: Table, key: string): Op | undefined {
    return this.opByKey.get(`${table}|${key}`)?.op;
  }

  /** A new line begins: what it adds can be taken back until the next. */
  beginLine(): void {
    this.undo = [];
    this.lineNotices = [];
    this.lineRefused.clear();
  }

  /** Takes back everything the current line added. */
  dropLine(): void {
    for (const undo of this.undo.toReversed()) undo();
    this.beginLine();
  }

  private matches(op: Op, existing: AnyRow): boolean {
    if (!Object.entries(op.values).every(([k, v]) => sameValue(v, existing[k]))) return false;
    for (const [column, ref] of Object.entries(op.refs)) {
      const current = existing[column] === null ? null : this.state.keyOf[REF_TABLE[column]!].get(Number(existing[column])) ?? null;
      if ((ref?.key ?? null) !== current) return false;
    }
    return op.pupils === undefined || op.pupils.join(';') === (this.state.slotPupils.get(existing.id) ?? []).join(';');
  }

  /** Periods already held by `owner` in the record and the file (for overlap rules), by table. */
  periods(table: PeriodTable, owner: string): Period[] {
    return [...this.periodsOf(table).get(owner)?.values() ?? []];
  }

  private readonly periodIndex = new Map<PeriodTable, Map<string, Map<string, Period>>>();

  /** Built from the record on first use, then kept up to date by add(): no scan per row. */
  private periodsOf(table: PeriodTable): Map<string, Map<string, Period>> {
    let index = this.periodIndex.get(table);
    if (index === undefined) {
      index = new Map();
      for (const [key, row] of this.state.rows[table]) {
        index.set(ownerOf(key), (index.get(ownerOf(key)) ?? new Map<string, Period>()).set(key, periodOf(key, row)));
      }
      this.periodIndex.set(table, index);
    }
    return index;
  }

  /** Notes the period of `op`, and returns how to take it back. */
  private notePeriod(op: Op): () => void {
    if (op.table !== 'notifications' && op.table !== 'contracts' && op.table !== 'absences') return () => undefined;
    const index = this.periodsOf(op.table);
    const owner = ownerOf(op.key);
    const periods = index.get(owner) ?? new Map<string, Period>();
    const before = periods.get(op.key);
    index.set(owner, periods.set(op.key, periodOf(op.key, op.values)));
    return () => (before === undefined ? periods.delete(op.key) : periods.set(op.key, before));
  }
}

type PeriodTable = 'notifications' | 'contracts' | 'absences';
interface Period { key: string; kind?: string; startDate: string; endDate: string | null }
/** Period keys start with their owner's natural key: "<pupil or matricule>|…". */
const ownerOf = (key: string): string => key.slice(0, key.indexOf('|'));
const periodOf = (key: string, row: Record<string, unknown>): Period => ({
  key, kind: row.kind as string | undefined, startDate: row.startDate as string, endDate: row.endDate as string | null,
});
const flagOf = (row: AnyRow | undefined, column: string): boolean | undefined => (row === undefined ? undefined : row[column] === 1);
const textOf = (row: AnyRow | undefined, column: string): string | null | undefined => row?.[column] as string | null | undefined;

type Parser = (r: RowReader, p: Planner) => Op[];

const PARSERS: Record<SheetKey, Parser> = {
  poles: (r, p) => {
    const code = r.need('code', readText);
    const existing = p.state.rows.poles.get(code);
    const pole = checked('poles', poleFields, {
      code,
      name: r.read('name', readText),
      kind: p.given(r, 'kind', readPoleKind, existing?.kind as PoleKind | undefined) ?? 'PIAL_INTER',
      coordinator: p.given(r, 'coordinator', readText, textOf(existing, 'coordinator')),
      pilot: p.given(r, 'pilot', readText, textOf(existing, 'pilot')),
    });
    return [p.add('poles', code, pole, {}, r.line)];
  },
  schools: (r, p) => {
    const uai = r.need('uai', readUai);
    const existing = p.state.rows.schools.get(uai);
    const pole = p.pole(r, existing);
    const kind = p.given(r, 'kind', readSchoolKind, existing?.kind as SchoolKind | undefined) ?? 'autre';
    const { grid: _grid, poleId: _poleId, ...school } = checked('schools', schoolFields, {
      uai,
      name: r.read('name', readText),
      kind,
      sector: p.given(r, 'sector', readSector, existing?.sector as Sector | undefined),
      commune: p.given(r, 'commune', readText, textOf(existing, 'commune')),
      poleId: resolved(pole),
      week: p.given(r, 'week', readWeek, existing?.week as WeekPattern | undefined) ?? (isFirstDegree(kind) ? '4j' : 'custom'),
      latitude: p.given(r, 'latitude', readAsTyped, existing?.latitude as number | null | undefined),
      longitude: p.given(r, 'longitude', readAsTyped, existing?.longitude as number | null | undefined),
    }, { poleId: 'pole' });
    // A school keeps the grid drawn for it unless its week pattern changes.
    const gridJson = existing !== undefined && existing.week === school.week ? String(existing.gridJson) : JSON.stringify(defaultGrid(school.week, school.kind));
    return [p.add('schools', uai, { ...school, gridJson }, { poleId: pole }, r.line)];
  },
  pupils: (r, p) => {
    const identifier = r.need('identifier', readText);
    const existing = p.state.rows.pupils.get(identifier);
    const school = p.ref('schools', r.need('uai', readUai), 'UAI');
    const { schoolId: _schoolId, ...pupil } = checked('pupils', pupilFields, {
      identifier,
      lastName: r.read('lastName', readText),
      firstName: r.read('firstName', readText),
      birthDate: p.given(r, 'birthDate', readDate, textOf(existing, 'birthDate')),
      schoolId: resolved(school),
      level: p.given(r, 'level', readText, textOf(existing, 'level')),
      className: p.given(r, 'className', readText, textOf(existing, 'className')),
      ulis: p.given(r, 'ulis', readYesNo, flagOf(existing, 'ulis')),
    }, { schoolId: 'uai' });
    const birthDate = pupil.birthDate ? birthDateProblem(pupil.birthDate, p.today) : null;
    if (birthDate !== null) throw new RowRefusal(label('pupils', 'birthDate'), birthDate);
    return [p.add('pupils', identifier, { ...pupil, ulis: Number(pupil.ulis) }, { schoolId: school }, r.line)];
  },
  notifications: (r, p) => {
    const pupil = r.need('pupil', readText);
    const ref = p.ref('pupils', pupil, 'Identifiant élève');
    const kind = r.read('kind', readNotificationKind);
    const start = r.read('startDate', readDate);
    const existing = p.state.rows.notifications.get(`${pupil}|${kind}|${start}`);
    const { pupilId: _pupilId, weeklyHours, ...notification } = checked('notifications', notificationFields, {
      pupilId: resolved(ref),
      kind,
      weeklyHours: r.read('weeklyHours', readAsTyped),
      startDate: start,
      endDate: r.read('endDate', readDate),
      lunchBreak: p.given(r, 'lunchBreak', readYesNo, flagOf(existing, 'lunchBreak')),
      activities: p.given(r, 'activities', readText, textOf(existing, 'activities')),
    }, { pupilId: 'pupil' });
    const key = `${pupil}|${notification.kind}|${notification.startDate}`;
    const others = p.periods('notifications', pupil).filter((o) => o.key !== key).map((o) => ({ kind: o.kind as 'individual' | 'shared', startDate: o.startDate, endDate: o.endDate ?? o.startDate }));
    const clash = notificationConflict(notification, others.filter((o) => o.kind === notification.kind));
    if (clash !== null) throw new RowRefusal(label('notifications', 'startDate'), clash);
    // A decision of the other kind over the same period is the CDAPH's: kept as decided, and the
    // NOTIFICATION_CONFLICT gap says what to check (and closes the previous one in one click).
    const otherKind = notificationConflict(notification, others.filter((o) => o.kind !== notification.kind));
    if (otherKind !== null) p.lineNotices.push(`${otherKind} Gardée telle que décidée : à vérifier (alerte « Notifications incompatibles »).`);
    return [p.add('notifications', key, { ...notification, weeklyMinutes: weeklyHours, lunchBreak: Number(notification.lunchBreak) }, { pupilId: ref }, r.line)];
  },
  aesh: (r, p) => {
    const matricule = r.need('matricule', readText);
    const existing = p.state.rows.aesh.get(matricule);
    const pole = p.pole(r, existing);
    const { poleId: _poleId, ...person } = checked('aesh', aeshFields, {
      matricule,
      lastName: r.read('lastName', readText),
      firstName: r.read('firstName', readText),
      homeCommune: p.given(r, 'homeCommune', readText, textOf(existing, 'homeCommune')),
      poleId: resolved(pole),
      skills: p.given(r, 'skills', readText, existing === undefined ? null : (JSON.parse(String(existing.skills)) as string[]).join(', ')),
      referent: p.given(r, 'referent', readYesNo, flagOf(existing, 'referent')),
    }, { poleId: 'pole' });
    const kind = r.read('contractKind', readContractKind);
    const start = r.read('contractStart', readDate);
    const end = r.read('contractEnd', readDate);
    const given = r.read('weeklyHours', readAsTyped);
    const aesh = (): Op => p.add('aesh', matricule, { ...person, skills: JSON.stringify(person.skills), referent: Number(person.referent) }, { poleId: pole }, r.line);
    // An AESH is recorded before their contract, as in the forms: a row without one (the record
    // export writes such a row) adds or updates the AESH alone.
    if (kind === null && start === null && end === null && given === null) return [aesh()];
    const { aeshId: _aeshId, weeklyHours, ...contract } = checked('aesh', contractFields, {
      aeshId: RESOLVED,
      kind: kind ?? (end === null ? 'CDI' : 'CDD'),
      // Without a start, the contract is taken to run from the start of the school year.
      startDate: start ?? p.settings.schoolYearStart,
      endDate: end,
      weeklyHours: given,
    }, { aeshId: 'matricule', kind: 'contractKind', startDate: 'contractStart', endDate: 'contractEnd' });
    if (weeklyHours > maxWeeklyMinutes(p.settings)) {
      throw new RowRefusal(label('aesh', 'weeklyHours'), `${formatHours(weeklyHours)} × ${p.settings.serviceWeeks} semaines dépasse les ${p.settings.annualReferenceHours} h d’un temps plein`);
    }
    const contractKey = `${matricule}|${contract.startDate}`;
    const clash = p.periods('contracts', matricule).find((o) => o.key !== contractKey && o.startDate <= (contract.endDate ?? '9999') && contract.startDate <= (o.endDate ?? '9999'));
    if (clash !== undefined) throw new RowRefusal(label('aesh', 'contractStart'), `chevauche le contrat du ${formatDate(clash.startDate)}`);
    // Added once the whole row is accepted: a refused contract leaves the AESH out too.
    return [aesh(), p.add('contracts', contractKey, { ...contract, weeklyMinutes: weeklyHours }, { aeshId: { table: 'aesh', key: matricule } }, r.line)];
  },
  absences: (r, p) => {
    const matricule = r.need('matricule', readText);
    const ref = p.ref('aesh', matricule, 'Matricule');
    const start = r.read('startDate', readDate);
    const existing = p.state.rows.absences.get(`${matricule}|${start}`);
    const { aeshId: _aeshId, ...absence } = checked('absences', absenceFields, {
      aeshId: resolved(ref),
      startDate: start,
      endDate: r.read('endDate', readDate),
      reason: p.given(r, 'reason', readText, textOf(existing, 'reason')),
    }, { aeshId: 'matricule' });
    const key = `${matricule}|${absence.startDate}`;
    const clash = p.periods('absences', matricule).find((o) => o.key !== key && o.startDate <= absence.endDate && absence.startDate <= (o.endDate ?? absence.startDate));
    if (clash !== undefined) throw new RowRefusal(label('absences', 'startDate'), `chevauche l’absence du ${formatDate(clash.startDate)}`);
    return [p.add('absences', key, absence, { aeshId: ref }, r.line)];
  },
  slots: (r, p) => {
    const matricule = r.need('matricule', readText);
    const aesh = p.ref('aesh', matricule, 'Matricule');
    const uai = r.need('uai', readUai);
    const school = p.ref('schools', uai, 'UAI');
    const pupils = [...new Set((r.read('pupils', readText) ?? '').split(';').map((s) => s.trim()).filter((s) => s !== ''))].sort();
    for (const identifier of pupils) p.ref('pupils', identifier, label('slots', 'pupils'));
    const { aeshId: _aeshId, schoolId: _schoolId, pupilIds: _pupilIds, ...slot } = checked('slots', slotFields, {
      aeshId: resolved(aesh),
      schoolId: resolved(school),
      weekday: r.read('weekday', readWeekday),
      startMinute: r.read('start', readClock),
      endMinute: r.read('end', readClock),
      nature: r.read('nature', readNature),
      pupilIds: pupils.map(() => RESOLVED),
      validFrom: r.read('validFrom', readDate),
      validTo: r.read('validTo', readDate),
    }, { aeshId: 'matricule', schoolId: 'uai', startMinute: 'start', endMinute: 'end', pupilIds: 'pupils' });
    const key = `${matricule}|${slot.weekday}|${slot.startMinute}|${uai}|${slot.validFrom ?? ''}`;
    return [p.add('slots', key, slot, { aeshId: aesh, schoolId: school }, r.line, pupils)];
  },
  ...SAISINE_PARSERS,
};

const NATURAL_TABLE: Record<SheetKey, KeyTable | null> = {
  poles: 'poles', schools: 'schools', pupils: 'pupils', aesh: 'aesh', notifications: null, absences: null, slots: null,
  saisines: 'saisines', steps: null, actions: null,
};

/** What the importer sees of its job: the signal that cancels it, and its progress to report. */
export type ImportControl = Pick<JobControl, 'signal' | 'progress'>;

/** Rows checked or written between two looks at the job's cancel and two progress reports. */
const CHUNK = 500;
/** Lets the job's status and cancel calls be answered, then stops if the job was cancelled. */
async function breathe(control: ImportControl | undefined): Promise<void> {
  if (control === undefined) return;
  await new Promise((resolve) => setImmediate(resolve));
  control.signal.throwIfAborted();
}

/** The values of the file's closed columns that no known spelling reads, with their count and the user's mapping. */
function unknownValuesOf(sheets: readonly FileSheet[], assignments: readonly SheetAssignment[], values: ValueMapping): UnknownValue[] {
  const found = new Map<string, UnknownValue>();
  for (const assignment of assignments) {
    const sheet = sheets.find((s) => s.name === assignment.source);
    const mapped = valuesOf(values, assignment.target);
    for (const [column, choice] of Object.entries(CHOICE_COLUMNS[assignment.target] ?? {})) {
      const at = sheet === undefined ? -1 : sheet.headers.indexOf(assignment.columns[column] ?? '');
      if (at < 0) continue;
      const name = valueColumnName(assignment.target, column);
      for (const row of sheet!.rows) {
        const cell = row.cells[at] ?? null;
        if (choice.read(cell).ok) continue;
        const meant = mappedCell(cell, mapped.get(column));
        const key = `${name}\u0000${valueKey(shown(cell))}`;
        const entry = found.get(key) ?? { column: name, value: shown(cell), count: 0, words: choice.words, mappedTo: meant === cell ? null : String(meant) };
        entry.count += 1;
        found.set(key, entry);
      }
    }
  }
  return [...found.values()].sort((a, b) => a.column.localeCompare(b.column, 'fr') || b.count - a.count);
}

const sheetRank = (target: SheetKey): number => SHEET_KEYS.indexOf(target);

/**
 * Parses, references and classifies every line; writes nothing. The file's sheets are read in
 * the order of the first workbook sheet each feeds (pôles before the schools that name them…), and
 * each line feeds all its workbook sheets at once: accepted whole, or refused whole with the
 * reasons of each refused part. `values` maps values of the closed columns. `prepare` sees the
 * record's rows before any line is read: a package's import leaves out there the rows it deletes,
 * so that a notification whose start date moved does not overlap its own former row.
 */
export async function planImport(
  sqlite: BetterSqlite3.Database, sheets: readonly FileSheet[], assignments: readonly SheetAssignment[], values: ValueMapping, settings: Settings,
  today: IsoDate, control?: ImportControl, prepare?: (state: RecordState) => void,
): Promise<ImportPlan> {
  const mark = journalMark(sqlite);
  const state = loadState(sqlite);
  prepare?.(state);
  const planner = new Planner(state, settings, today);
  const reports = new Map<SheetKey, SheetReport>();
  const reportOf = (target: SheetKey): SheetReport => {
    let report = reports.get(target);
    if (report === undefined) {
      report = { sheet: SHEETS[target].name, created: 0, updated: 0, unchanged: 0, deleted: 0, refused: [], notices: [] };
      reports.set(target, report);
    }
    return report;
  };
  for (const a of assignments) reportOf(a.target);
  const sources = [...new Set(assignments.map((a) => a.source))]
    .map((name) => ({ sheet: sheets.find((s) => s.name === name), feeds: assignments.filter((a) => a.source === name).toSorted((a, b) => sheetRank(a.target) - sheetRank(b.target)) }))
    .filter((source): source is { sheet: FileSheet; feeds: SheetAssignment[] } => source.sheet !== undefined)
    .toSorted((a, b) => sheetRank(a.feeds[0]!.target) - sheetRank(b.feeds[0]!.target));
  const total = sources.reduce((n, s) => n + s.sheet.rows.length, 0);
  let done = 0;
  control?.progress(0, total, 'Vérification des lignes');
  for (const { sheet, feeds } of sources) {
    for (const skipped of sheet.skipped) reportOf(feeds[0]!.target).notices.push({ sheet: SHEETS[feeds[0]!.target].name, source: sheet.name, row: skipped.line, message: skipped.reason });
    const readers = feeds.map((a) => ({ target: a.target, rows: rowReaders(sheet, a, valuesOf(values, a.target)) }));
    for (let i = 0; i < sheet.rows.length; i += 1) {
      planner.beginLine();
      const parts: { target: SheetKey; reader: RowReader; ops?: Op[]; refusal?: RowRefusal; notices?: string[] }[] = [];
      for (const { target, rows } of readers) {
        const reader = rows[i]!;
        try {
          const before = planner.lineNotices.length;
          parts.push({ target, reader, ops: PARSERS[target](reader, planner), notices: planner.lineNotices.slice(before) });
        } catch (error) {
          if (!(error instanceof RowRefusal)) throw error;
          parts.push({ target, reader, refusal: error });
          // Named at once, so that a later part of the line referring to it says why it is missing.
          noteRefusedKey(planner, target, reader, sheet.name);
        }
      }
      const refusals = parts.filter((part) => part.refusal !== undefined);
      if (refusals.length === 0) {
        for (const { target, reader, ops, notices } of parts) {
          const status = ops!.some((o) => o.status === 'create') ? 'created' : ops!.some((o) => o.status === 'update') ? 'updated' : 'unchanged';
          const report = reportOf(target);
          report[status] += 1;
          for (const message of notices!) report.notices.push({ sheet: report.sheet, source: sheet.name, row: reader.line, message });
        }
      } else {
        planner.dropLine();
        const why = refusals.map((r) => `${SHEETS[r.target].name}${r.refusal!.column ? `, colonne ${r.refusal!.column}` : ''} : ${r.refusal!.message}`).join(' ; ');
        for (const { target, reader, refusal } of parts) {
          const report = reportOf(target);
          report.refused.push(refusal === undefined
            ? { sheet: report.sheet, source: sheet.name, row: reader.line, column: null, reason: `refusée avec le reste de la ligne (${why})`, withLine: true, cells: reader.cells }
            : { sheet: report.sheet, source: sheet.name, row: reader.line, column: refusal.column, reason: refusal.message, withLine: false, cells: reader.cells });
          noteRefusedKey(planner, target, reader, sheet.name);
        }
      }
      done += 1;
      if (done % CHUNK === 0) {
        control?.progress(done, total, `Vérification des lignes : feuille « ${sheet.name} »`);
        await breathe(control);
      }
    }
  }
  control?.progress(done, total, 'Lignes vérifiées');
  const ids = Object.fromEntries(KEY_TABLES.map((table) => [table, new Map([...state.rows[table]].map(([key, row]) => [key, row.id]))])) as ImportPlan['ids'];
  return {
    reports: [...reports.entries()].toSorted(([a], [b]) => sheetRank(a) - sheetRank(b)).map(([, report]) => report),
    unknownValues: unknownValuesOf(sheets, assignments, values),
    ops: planner.ops,
    deletions: [],
    ids,
    journalMark: mark,
  };
}

/** Remembers that the natural key of a refused part is refused, and where, for the rows that refer to it. */
function noteRefusedKey(planner: Planner, target: SheetKey, reader: RowReader, source: string): void {
  const table = NATURAL_TABLE[target];
  // A saisine is numbered per PAS: its key is its pôle and number.
  const key = table === null ? null : target === 'saisines' ? saisineKeyOf(reader) : reader.key(SHEETS[target].columns[0]!.key);
  if (table === null || key === null) return;
  const refused = `${table}|${target === 'schools' ? key.toUpperCase() : key}`;
  planner.lineRefused.add(refused);
  if (!planner.refusedKeys.has(refused)) planner.refusedKeys.set(refused, `ligne ${reader.line} de la feuille ${sheetKeyOf(source) === target ? source : `${source} (${SHEETS[target].name})`}`);
}

/** Referenced tables before those that refer to them. */
const TABLE_ORDER: readonly Table[] = [
  'poles', 'schools', 'pupils', 'notifications', 'aesh', 'contracts', 'absences', 'slots', 'saisineNatures', 'saisines', 'saisineSteps', 'saisineActions',
];

/** The rows a plan writes (created, updated or deleted): the write's share of the progress bar. */
export function rowsToWrite(plan: ImportPlan): number {
  return plan.ops.filter((op) => op.status !== 'unchanged').length + plan.deletions.length;
}

const TABLE_WORDS: Record<Table, string> = {
  poles: 'pôles', schools: 'établissements', pupils: 'élèves', notifications: 'notifications', aesh: 'AESH', contracts: 'contrats', absences: 'absences', slots: 'créneaux',
  ...SAISINE_TABLE_WORDS,
};

/**
 * Writes the accepted rows of a plan with the services' row helpers, in the transaction of the
 * caller's write(): every line of the import is one change of the journal, naming the file. With
 * a job's `control`, progress goes on from `doneBefore` (the lines checked) and a cancel between
 * two chunks throws: the caller's transaction is rolled back, nothing is written.
 */
export async function applyImport(trx: Trx, ctx: ServiceContext, plan: ImportPlan, source: string, control?: ImportControl, doneBefore = 0): Promise<void> {
  const ids = Object.fromEntries(KEY_TABLES.map((table) => [table, new Map(plan.ids[table])])) as ImportPlan['ids'];
  const byTable = new Map<Table, Op[]>(TABLE_ORDER.map((table) => [table, []]));
  for (const op of plan.ops) if (op.status !== 'unchanged') byTable.get(op.table)!.push(op);
  const total = doneBefore + rowsToWrite(plan);
  let done = doneBefore;
  // Periods first (a notification whose start moved is deleted and created: its natural key is
  // unique), records a row refers to last (a pupil moves to another school before the school goes).
  await applyDeletions(trx, ctx, plan.deletions, ['slots', 'absences', 'contracts', 'notifications', 'saisineSteps', 'saisineActions']);
  for (const [table, ops] of byTable) {
    for (const op of ops) {
      const values: Values = { ...op.values };
      for (const [column, ref] of Object.entries(op.refs)) values[column] = ref === null ? null : ids[ref.table].get(ref.key)!;
      // The plan built these values from the forms' schemas, column by column of the table.
      const row = op.status === 'create'
        ? await insertRow(trx, ctx, table, values as Insertable<Database[Table]>, { source })
        : await updateRow(trx, ctx, table, op.existing!.id, values, 'Enregistrement', { source });
      if (isKeyTable(table)) ids[table].set(op.key, row.id);
      if (table === 'slots') await linkPupils(trx, ctx, row.id, (op.pupils ?? []).map((identifier) => ids.pupils.get(identifier)!));
      done += 1;
      if ((done - doneBefore) % CHUNK === 0) {
        control?.progress(done, total, `Écriture : ${TABLE_WORDS[table]}`);
        await breathe(control);
      }
    }
  }
  const anonymisedPupils = await anonymiseFromFile(trx, ctx, plan.ops);
  await applyDeletions(trx, ctx, plan.deletions.filter((d) => !(d.table === 'pupils' && anonymisedPupils.has(d.existing.id))), ['saisines', 'pupils', 'aesh', 'schools']);
  control?.progress(total, total, 'Enregistrement');
  // The last look before the commit: from here to it, nothing else runs.
  control?.signal.throwIfAborted();
}

/**
 * Deletes the rows of `tables`, in that order (dependants first), one by one through the journal, so that undoing the import brings each back. What a
 * cascade would take silently goes first, journaled: a slot's pupils with it, the links of a
 * pupil to slots kept and to saisines, an AESH's recorded moves. A school still used by a row kept is refused by
 * its foreign key, in French (rows.ts).
 */
async function applyDeletions(trx: Trx, ctx: ServiceContext, deletions: readonly Deletion[], tables: readonly Table[]): Promise<void> {
  for (const table of tables) {
    for (const { existing: { id } } of deletions.filter((d) => d.table === table)) {
      if (table === 'slots') {
        await deleteRow(trx, ctx, 'slots', id, 'Créneau', { pupilIds: pupilIdsOf(ctx, id) });
        continue;
      }
      if (table === 'pupils') {
        for (const slotId of prepared(ctx.sqlite, 'select slot_id from slot_pupils where pupil_id = ?').pluck().all(id) as number[]) {
          await linkPupils(trx, ctx, slotId, pupilIdsOf(ctx, slotId).filter((pupilId) => pupilId !== id));
        }
        await unlinkSaisines(trx, ctx, id);
      }
      if (table === 'aesh') {
        for (const moveId of prepared(ctx.sqlite, 'select id from aesh_moves where aesh_id = ?').pluck().all(id) as number[]) {
          await deleteRow(trx, ctx, 'aeshMoves', moveId, 'Mouvement');
        }
      }
      await deleteRow(trx, ctx, table, id, 'Enregistrement');
    }
  }
}
