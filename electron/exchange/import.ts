// Importing the exchange workbook: plan (every row parsed, referenced, classified as created,
// updated, unchanged or refused — nothing written), then apply (the accepted rows, all in one
// transaction, each journaled). References resolve inside the file first, then in the record.
import { NEXT_CHANGE_SQL } from '../services/journal.ts';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Settings } from '../../shared/api/contract.ts';
import { formatDate, type IsoDate } from '../../shared/domain/dates.ts';
import { maxWeeklyMinutes } from '../../shared/domain/contract.ts';
import { isFirstDegree, type SchoolKind, type WeekPattern } from '../../shared/domain/enums.ts';
import { defaultGrid } from '../../shared/domain/grid.ts';
import { formatHours } from '../../shared/domain/hours.ts';
import { notificationConflict } from '../../shared/domain/notifications.ts';
import type { SheetAssignment } from '../../shared/exchange/mapping.ts';
import { SHEET_KEYS, SHEETS, type SheetKey } from '../../shared/exchange/sheets.ts';
import {
  readClock, readDate, readDecimal, readHours, readNature, readNotificationKind, readPoleKind, readSchoolKind, readSector,
  readText, readUai, readWeek, readWeekday, readYesNo, type Cell,
} from '../../shared/exchange/values.ts';
import type { FileSheet } from './read.ts';
import { RowRefusal, rowReaders, type RowReader } from './rows.ts';

type Table = 'poles' | 'schools' | 'pupils' | 'notifications' | 'aesh' | 'contracts' | 'absences' | 'slots';
type DbRow = Record<string, string | number | null> & { id: number };
type Values = Record<string, string | number | null>;
/** A reference to another record by its natural key, turned into an id when written. */
interface Ref { table: Table; key: string }

interface Op {
  table: Table;
  key: string;
  existing: DbRow | undefined;
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
  cells: Cell[];
}
export interface SheetReport {
  sheet: string;
  created: number;
  updated: number;
  unchanged: number;
  refused: ImportRefusal[];
}
export interface ImportPlan {
  reports: SheetReport[];
  ops: Op[];
}

/** The record as the importer compares with it: every row by its natural key. */
interface RecordState {
  rows: Record<Table, Map<string, DbRow>>;
  /** Natural key of each record by id, to compare references. */
  keyOf: Record<'poles' | 'schools' | 'pupils' | 'aesh', Map<number, string>>;
  slotPupils: Map<number, string[]>;
}

function loadState(sqlite: BetterSqlite3.Database): RecordState {
  const all = (sql: string): DbRow[] => sqlite.prepare(sql).all() as DbRow[];
  const byKey = (rows: DbRow[], key: (r: DbRow) => string): Map<string, DbRow> => new Map(rows.map((r) => [key(r), r]));
  const poles = all('select * from poles');
  const schools = all('select * from schools');
  const pupils = all('select * from pupils');
  const aesh = all('select * from aesh');
  const keyOf = {
    poles: new Map(poles.map((r) => [r.id, String(r.code)])),
    schools: new Map(schools.map((r) => [r.id, String(r.uai)])),
    pupils: new Map(pupils.map((r) => [r.id, String(r.identifier)])),
    aesh: new Map(aesh.map((r) => [r.id, String(r.matricule)])),
  };
  const slotPupils = new Map<number, string[]>();
  for (const link of sqlite.prepare('select slot_id, pupil_id from slot_pupils').all() as { slot_id: number; pupil_id: number }[]) {
    const list = slotPupils.get(link.slot_id) ?? [];
    list.push(keyOf.pupils.get(link.pupil_id)!);
    slotPupils.set(link.slot_id, list);
  }
  for (const list of slotPupils.values()) list.sort();
  const matricule = (r: DbRow): string => keyOf.aesh.get(Number(r.aesh_id))!;
  return {
    rows: {
      poles: byKey(poles, (r) => String(r.code)),
      schools: byKey(schools, (r) => String(r.uai)),
      pupils: byKey(pupils, (r) => String(r.identifier)),
      notifications: byKey(all('select * from notifications'), (r) => `${keyOf.pupils.get(Number(r.pupil_id))}|${r.kind}|${r.start_date}`),
      aesh: byKey(aesh, (r) => String(r.matricule)),
      contracts: byKey(all('select * from contracts'), (r) => `${matricule(r)}|${r.start_date}`),
      absences: byKey(all('select * from absences'), (r) => `${matricule(r)}|${r.start_date}`),
      slots: byKey(all('select * from slots'), (r) => `${matricule(r)}|${r.weekday}|${r.start_minute}|${keyOf.schools.get(Number(r.school_id))}|${r.valid_from ?? ''}`),
    },
    keyOf,
    slotPupils,
  };
}

const REF_TABLE: Record<string, 'poles' | 'schools' | 'pupils' | 'aesh'> = { pole_id: 'poles', school_id: 'schools', pupil_id: 'pupils', aesh_id: 'aesh' };
const REF_WORDS: Record<'poles' | 'schools' | 'pupils' | 'aesh', string> = { poles: 'Pôle', schools: 'Établissement', pupils: 'Élève', aesh: 'AESH' };

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (a === null && b === undefined) || (typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) < 1e-9);
}

/** What a row parser needs: the record, the file's accepted keys so far, and the settings. */
class Planner {
  readonly state: RecordState;
  readonly settings: Settings;
  /** Natural keys accepted from the file, per referenced table. */
  readonly fileKeys: Record<'poles' | 'schools' | 'pupils' | 'aesh', Set<string>> = { poles: new Set(), schools: new Set(), pupils: new Set(), aesh: new Set() };
  /** Where a key was refused, to say so when a later row refers to it. */
  readonly refusedKeys = new Map<string, string>();
  readonly ops: Op[] = [];
  private readonly opByKey = new Map<string, { op: Op; line: number }>();

  constructor(state: RecordState, settings: Settings) {
    this.state = state;
    this.settings = settings;
  }

  /** A reference to a record of the file or of the record, or a refusal naming it. */
  ref(table: 'poles' | 'schools' | 'pupils' | 'aesh', key: string | null, column: string): Ref | null {
    if (key === null) return null;
    if (this.fileKeys[table].has(key) || this.state.rows[table].has(key)) return { table, key };
    const refused = this.refusedKeys.get(`${table}|${key}`);
    throw new RowRefusal(column, `${REF_WORDS[table]} ${key} ${refused ? `refusé (${refused})` : 'inconnu'}`);
  }

  /** Value of an optional column: from the file when it has the column, else the record's, else a default. */
  keep<T extends string | number | null>(r: RowReader, key: string, read: () => T, existing: DbRow | undefined, column: string, fallback: T): T | string | number | null {
    if (r.has(key)) return read();
    return existing === undefined ? fallback : existing[column] ?? fallback;
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
    this.notePeriod(op);
    if (table === 'poles' || table === 'schools' || table === 'pupils' || table === 'aesh') this.fileKeys[table].add(key);
    return op;
  }

  private matches(op: Op, existing: DbRow): boolean {
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
        index.set(ownerOf(key), (index.get(ownerOf(key)) ?? new Map()).set(key, periodOf(key, row)));
      }
      this.periodIndex.set(table, index);
    }
    return index;
  }

  private notePeriod(op: Op): void {
    if (op.table !== 'notifications' && op.table !== 'contracts' && op.table !== 'absences') return;
    const index = this.periodsOf(op.table);
    const owner = ownerOf(op.key);
    index.set(owner, (index.get(owner) ?? new Map()).set(op.key, periodOf(op.key, op.values)));
  }
}

type PeriodTable = 'notifications' | 'contracts' | 'absences';
interface Period { key: string; kind?: string; startDate: string; endDate: string | null }
/** Period keys start with their owner's natural key: "<pupil or matricule>|…". */
const ownerOf = (key: string): string => key.slice(0, key.indexOf('|'));
const periodOf = (key: string, row: Record<string, unknown>): Period => ({
  key, kind: row.kind as string | undefined, startDate: String(row.start_date), endDate: row.end_date === null ? null : String(row.end_date),
});

const text = (max: number) => (cell: Cell) => readText(cell, max);
const rangeRule = (start: IsoDate, end: IsoDate | null, column: string): void => {
  if (end !== null && end < start) throw new RowRefusal(column, 'Fin avant Début');
};

type Parser = (r: RowReader, p: Planner) => Op[];

const PARSERS: Record<SheetKey, Parser> = {
  poles: (r, p) => {
    const code = r.need('code', text(20));
    const existing = p.state.rows.poles.get(code);
    return [p.add('poles', code, {
      code,
      name: r.need('name', text(200)),
      kind: p.keep(r, 'kind', () => r.read('kind', readPoleKind), existing, 'kind', null) ?? 'PIAL_INTER',
      coordinator: p.keep(r, 'coordinator', () => r.read('coordinator', text(200)), existing, 'coordinator', null),
      pilot: p.keep(r, 'pilot', () => r.read('pilot', text(200)), existing, 'pilot', null),
    }, {}, r.line)];
  },
  schools: (r, p) => {
    const uai = r.need('uai', readUai);
    const existing = p.state.rows.schools.get(uai);
    const kind = (p.keep(r, 'kind', () => r.read('kind', readSchoolKind), existing, 'kind', null) ?? 'autre') as SchoolKind;
    const week = (p.keep(r, 'week', () => r.read('week', readWeek), existing, 'week', null) ?? (isFirstDegree(kind) ? '4j' : 'custom')) as WeekPattern;
    // A school keeps the grid drawn for it unless its week pattern changes.
    const grid = existing !== undefined && existing.week === week ? String(existing.grid_json) : JSON.stringify(defaultGrid(week, kind));
    const poleCode = r.has('pole') ? r.read('pole', text(20)) : existing?.pole_id == null ? null : p.state.keyOf.poles.get(Number(existing.pole_id)) ?? null;
    return [p.add('schools', uai, {
      uai,
      name: r.need('name', text(200)),
      kind,
      sector: p.keep(r, 'sector', () => r.read('sector', readSector), existing, 'sector', null) ?? 'public',
      commune: p.keep(r, 'commune', () => r.read('commune', text(200)), existing, 'commune', null),
      week,
      grid_json: grid,
      latitude: p.keep(r, 'latitude', () => r.read('latitude', (c) => readDecimal(c, -90, 90)), existing, 'latitude', null),
      longitude: p.keep(r, 'longitude', () => r.read('longitude', (c) => readDecimal(c, -180, 180)), existing, 'longitude', null),
    }, { pole_id: p.ref('poles', poleCode, 'Pôle') }, r.line)];
  },
  pupils: (r, p) => {
    const identifier = r.need('identifier', text(40));
    const existing = p.state.rows.pupils.get(identifier);
    return [p.add('pupils', identifier, {
      identifier,
      last_name: r.need('lastName', text(200)),
      first_name: r.need('firstName', text(200)),
      birth_date: p.keep(r, 'birthDate', () => r.read('birthDate', readDate), existing, 'birth_date', null),
      level: p.keep(r, 'level', () => r.read('level', text(10)), existing, 'level', null),
      class_name: p.keep(r, 'className', () => r.read('className', text(40)), existing, 'class_name', null),
      ulis: p.keep(r, 'ulis', () => Number(r.read('ulis', readYesNo)), existing, 'ulis', 0),
    }, { school_id: p.ref('schools', r.need('uai', readUai), 'UAI') }, r.line)];
  },
  notifications: (r, p) => {
    const pupil = r.need('pupil', text(40));
    const ref = p.ref('pupils', pupil, 'Identifiant élève');
    const kind = r.need('kind', readNotificationKind);
    const minutes = r.read('weeklyHours', readHours);
    const start = r.need('startDate', readDate);
    const end = r.need('endDate', readDate);
    if (kind === 'individual' && (minutes === null || minutes <= 0)) throw new RowRefusal('Heures hebdomadaires', 'obligatoires pour une aide individuelle');
    if (kind === 'individual' && minutes! > 40 * 60) throw new RowRefusal('Heures hebdomadaires', `${formatHours(minutes!)} par semaine : plus de 40 h`);
    if (kind === 'shared' && minutes !== null && minutes > 0) throw new RowRefusal('Heures hebdomadaires', 'une aide mutualisée est notifiée sans heures');
    rangeRule(start, end, 'Fin');
    if (Number(end.slice(0, 4)) - Number(start.slice(0, 4)) > 5 || (Number(end.slice(0, 4)) - Number(start.slice(0, 4)) === 5 && end.slice(5) > start.slice(5))) {
      throw new RowRefusal('Fin', 'une notification dure au plus 5 ans');
    }
    const key = `${pupil}|${kind}|${start}`;
    const others = p.periods('notifications', pupil).filter((o) => o.key !== key).map((o) => ({ kind: o.kind as 'individual' | 'shared', startDate: o.startDate, endDate: o.endDate ?? o.startDate }));
    const clash = notificationConflict({ kind, startDate: start, endDate: end }, others);
    if (clash !== null) throw new RowRefusal('Début', clash);
    const existing = p.state.rows.notifications.get(key);
    return [p.add('notifications', key, {
      kind,
      weekly_minutes: kind === 'individual' ? minutes : null,
      start_date: start,
      end_date: end,
      lunch_break: p.keep(r, 'lunchBreak', () => Number(r.read('lunchBreak', readYesNo)), existing, 'lunch_break', 0),
      activities: p.keep(r, 'activities', () => r.read('activities', text(500)), existing, 'activities', null),
    }, { pupil_id: ref }, r.line)];
  },
  aesh: (r, p) => {
    const matricule = r.need('matricule', text(40));
    const existing = p.state.rows.aesh.get(matricule);
    const poleCode = r.has('pole') ? r.read('pole', text(20)) : existing?.pole_id == null ? null : p.state.keyOf.poles.get(Number(existing.pole_id)) ?? null;
    const minutes = r.need('weeklyHours', readHours);
    if (minutes <= 0) throw new RowRefusal('Heures hebdomadaires', 'au moins une heure par semaine');
    if (minutes > maxWeeklyMinutes(p.settings)) {
      throw new RowRefusal('Heures hebdomadaires', `${formatHours(minutes)} × ${p.settings.serviceWeeks} semaines dépasse les ${p.settings.annualReferenceHours} h d’un temps plein`);
    }
    const end = r.read('contractEnd', readDate);
    const declared = r.read('contractKind', text(10))?.toUpperCase() ?? null;
    if (declared !== null && declared !== 'CDD' && declared !== 'CDI') throw new RowRefusal('Contrat', `« ${declared} » inconnu (CDD ou CDI)`);
    const kind = declared ?? (end === null ? 'CDI' : 'CDD');
    if (kind === 'CDD' && end === null) throw new RowRefusal('Fin contrat', 'un CDD a une date de fin');
    if (kind === 'CDI' && end !== null) throw new RowRefusal('Fin contrat', 'un CDI n’a pas de date de fin');
    // Without a start, the contract is taken to run from the start of the school year.
    const start = r.read('contractStart', readDate) ?? p.settings.schoolYearStart;
    rangeRule(start, end, 'Fin contrat');
    const contractKey = `${matricule}|${start}`;
    const clash = p.periods('contracts', matricule).find((o) => o.key !== contractKey && o.startDate <= (end ?? '9999') && start <= (o.endDate ?? '9999'));
    if (clash !== undefined) throw new RowRefusal('Début contrat', `chevauche le contrat du ${formatDate(clash.startDate)}`);
    const skills = p.keep(r, 'skills', () => JSON.stringify((r.read('skills', text(500)) ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '')), existing, 'skills', '[]');
    const person = p.add('aesh', matricule, {
      matricule,
      last_name: r.need('lastName', text(200)),
      first_name: r.need('firstName', text(200)),
      home_commune: p.keep(r, 'homeCommune', () => r.read('homeCommune', text(200)), existing, 'home_commune', null),
      skills,
      referent: p.keep(r, 'referent', () => Number(r.read('referent', readYesNo)), existing, 'referent', 0),
    }, { pole_id: p.ref('poles', poleCode, 'Pôle') }, r.line);
    const contract = p.add('contracts', contractKey, { kind, start_date: start, end_date: end, weekly_minutes: minutes }, { aesh_id: { table: 'aesh', key: matricule } }, r.line);
    return [person, contract];
  },
  absences: (r, p) => {
    const matricule = r.need('matricule', text(40));
    const ref = p.ref('aesh', matricule, 'Matricule');
    const start = r.need('startDate', readDate);
    const end = r.need('endDate', readDate);
    rangeRule(start, end, 'Fin');
    const key = `${matricule}|${start}`;
    const clash = p.periods('absences', matricule).find((o) => o.key !== key && o.startDate <= end && start <= (o.endDate ?? start));
    if (clash !== undefined) throw new RowRefusal('Début', `chevauche l’absence du ${formatDate(clash.startDate)}`);
    const existing = p.state.rows.absences.get(key);
    return [p.add('absences', key, { start_date: start, end_date: end, reason: p.keep(r, 'reason', () => r.read('reason', text(200)), existing, 'reason', null) }, { aesh_id: ref }, r.line)];
  },
  slots: (r, p) => {
    const matricule = r.need('matricule', text(40));
    const aesh = p.ref('aesh', matricule, 'Matricule');
    const uai = r.need('uai', readUai);
    const school = p.ref('schools', uai, 'UAI');
    const weekday = r.need('weekday', readWeekday);
    const start = r.need('start', readClock);
    const end = r.need('end', readClock);
    if (end <= start) throw new RowRefusal('Fin', 'Fin avant Début');
    const nature = r.read('nature', readNature) ?? 'accompaniment';
    const pupils = [...new Set((r.read('pupils', text(2000)) ?? '').split(';').map((s) => s.trim()).filter((s) => s !== ''))].sort();
    for (const identifier of pupils) p.ref('pupils', identifier, 'Élèves');
    if (nature !== 'ulis' && pupils.length === 0) throw new RowRefusal('Élèves', 'un créneau d’accompagnement sert au moins un élève');
    const validFrom = r.read('validFrom', readDate);
    const validTo = r.read('validTo', readDate);
    if (validFrom !== null) rangeRule(validFrom, validTo, 'Au');
    const key = `${matricule}|${weekday}|${start}|${uai}|${validFrom ?? ''}`;
    return [p.add('slots', key, { weekday, start_minute: start, end_minute: end, nature, valid_from: validFrom, valid_to: validTo }, { aesh_id: aesh, school_id: school }, r.line, pupils)];
  },
};

const NATURAL_TABLE: Record<SheetKey, 'poles' | 'schools' | 'pupils' | 'aesh' | null> = {
  poles: 'poles', schools: 'schools', pupils: 'pupils', aesh: 'aesh', notifications: null, absences: null, slots: null,
};

/** Parses, references and classifies every row; writes nothing. */
export function planImport(sqlite: BetterSqlite3.Database, sheets: readonly FileSheet[], assignments: readonly SheetAssignment[], settings: Settings): ImportPlan {
  const planner = new Planner(loadState(sqlite), settings);
  const reports: SheetReport[] = [];
  for (const target of SHEET_KEYS) {
    const mine = assignments.filter((a) => a.target === target);
    if (mine.length === 0) continue;
    const report: SheetReport = { sheet: SHEETS[target].name, created: 0, updated: 0, unchanged: 0, refused: [] };
    for (const assignment of mine) {
      const sheet = sheets.find((s) => s.name === assignment.source);
      if (sheet === undefined) continue;
      for (const reader of rowReaders(sheet, assignment)) {
        try {
          const ops = PARSERS[target](reader, planner);
          const status = ops.some((o) => o.status === 'create') ? 'created' : ops.some((o) => o.status === 'update') ? 'updated' : 'unchanged';
          report[status] += 1;
        } catch (error) {
          if (!(error instanceof RowRefusal)) throw error;
          report.refused.push({ sheet: report.sheet, source: sheet.name, row: reader.line, column: error.column, reason: error.message, cells: reader.cells });
          const table = NATURAL_TABLE[target];
          const key = table === null ? null : reader.key(SHEETS[target].columns[0]!.key);
          if (table !== null && key !== null) planner.refusedKeys.set(`${table}|${target === 'schools' ? key.toUpperCase() : key}`, `ligne ${reader.line} de la feuille ${report.sheet}`);
        }
      }
    }
    reports.push(report);
  }
  return { reports, ops: planner.ops };
}

const TABLE_ORDER: readonly Table[] = ['poles', 'schools', 'pupils', 'notifications', 'aesh', 'contracts', 'absences', 'slots'];

/** Writes the accepted rows of a plan in one transaction, journaling each change. */
export function applyImport(sqlite: BetterSqlite3.Database, plan: ImportPlan, actor: string, now: Date, source: string): void {
  const ids: Record<'poles' | 'schools' | 'pupils' | 'aesh', Map<string, number>> = { poles: new Map(), schools: new Map(), pupils: new Map(), aesh: new Map() };
  const at = now.toISOString();
  const journal = sqlite.prepare('insert into journal (at, actor, action, entity, entity_id, before_json, after_json, change_id) values (?, ?, ?, ?, ?, ?, ?, ?)');
  const statements = new Map<string, BetterSqlite3.Statement>();
  const prepared = (sql: string): BetterSqlite3.Statement => {
    let statement = statements.get(sql);
    if (statement === undefined) {
      statement = sqlite.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  sqlite.transaction(() => {
    // The whole import is one change of the journal.
    const change = (sqlite.prepare(NEXT_CHANGE_SQL).get() as { n: number }).n;
    for (const table of ['poles', 'schools', 'pupils', 'aesh'] as const) {
      const key = { poles: 'code', schools: 'uai', pupils: 'identifier', aesh: 'matricule' }[table];
      for (const row of sqlite.prepare(`select id, ${key} k from ${table}`).all() as { id: number; k: string }[]) ids[table].set(row.k, row.id);
    }
    const ordered = TABLE_ORDER.flatMap((table) => plan.ops.filter((op) => op.table === table && op.status !== 'unchanged'));
    for (const op of ordered) {
      const values: Values = { ...op.values };
      for (const [column, ref] of Object.entries(op.refs)) values[column] = ref === null ? null : ids[ref.table as keyof typeof ids].get(ref.key) ?? null;
      const columns = Object.keys(values);
      let after: DbRow;
      if (op.status === 'create') {
        after = prepared(`insert into ${op.table} (${columns.join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')}) returning *`).get(values) as DbRow;
        journal.run(at, actor, 'create', op.table, after.id, null, JSON.stringify({ ...after, source }), change);
      } else {
        after = prepared(`update ${op.table} set ${columns.map((c) => `${c} = @${c}`).join(', ')} where id = @id returning *`).get({ ...values, id: op.existing!.id }) as DbRow;
        journal.run(at, actor, 'update', op.table, after.id, JSON.stringify(op.existing), JSON.stringify({ ...after, source }), change);
      }
      if (op.table === 'poles' || op.table === 'schools' || op.table === 'pupils' || op.table === 'aesh') ids[op.table].set(op.key, after.id);
      if (op.table === 'slots') {
        prepared('delete from slot_pupils where slot_id = ?').run(after.id);
        for (const identifier of op.pupils ?? []) prepared('insert into slot_pupils (slot_id, pupil_id) values (?, ?)').run(after.id, ids.pupils.get(identifier));
      }
    }
  })();
}
