// Packages between coordinators: one pôle's share of the exchange workbook, with a header sheet
// (shared/exchange/package.ts). Making one filters the record's export to the pôle's rows, so a
// sheet added to the workbook travels in packages as soon as the export writes it. Importing one
// makes the pôle's rows here equal to the package's (creations, updates and deletions) through the
// importer; a row of the pôle changed here since the last package received from the same record
// is a conflict, decided by the user. Packages can be encrypted with a passphrase (the encrypted
// xlsx of Excel's "Chiffrer avec mot de passe", written and read by xlsx-populate).
import { createHash } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import XlsxPopulate from 'xlsx-populate';
import * as XLSX from 'xlsx';
import { ApiError } from '../../shared/api/errors.ts';
import type { PackageConflictView, PackageHeaderView, PackageSheetView, VersionField } from '../../shared/api/packages.ts';
import { formatDate, todayIso, type IsoDate } from '../../shared/domain/dates.ts';
import {
  NOTIFICATION_KIND_LABELS, POLE_KIND_LABELS, SCHOOL_KIND_LABELS, SECTOR_LABELS, SLOT_NATURE_LABELS, WEEK_PATTERN_LABELS, WEEKDAY_LABELS, type Weekday,
} from '../../shared/domain/enums.ts';
import { formatHours } from '../../shared/domain/hours.ts';
import {
  ACTION_TYPE_LABELS, BILAN_NEXT_LABELS, MDPH_STATUS_LABELS, PILOT_DECISION_LABELS, REORIENTATION_LABELS, SAISINE_CHANNEL_LABELS, SAISINE_ORIGIN_LABELS,
} from '../../shared/domain/saisines.ts';
import { assertNever } from '../../shared/domain/never.ts';
import type { Settings } from '../../shared/domain/settings.ts';
import { proposeMapping } from '../../shared/exchange/mapping.ts';
import { PACKAGE_LINES, PACKAGE_NOTICE, PACKAGE_SCOPE, PACKAGE_SHEET, type ConflictChoice, type PackageOwner } from '../../shared/exchange/package.ts';
import { SHEETS, sheetKeyOf, type SheetKey } from '../../shared/exchange/sheets.ts';
import type { Cell } from '../../shared/exchange/values.ts';
import type { ServiceContext, Trx } from '../services/context.ts';
import { journal } from '../services/journal.ts';
import type { AnyRow } from '../services/rows.ts';
import { sheetOf, workbookBytes, type OutCell } from './cells.ts';
import { exportRecord } from './export.ts';
import { loadState, planImport, type Deletion, type ImportPlan, type Op, type RecordState, type Table } from './import.ts';
import { readWorkbook, type FileSheet } from './read.ts';

/** The id naming this record in the packages it makes (given by migration 0007). */
export function recordIdOf(sqlite: BetterSqlite3.Database): string {
  return sqlite.prepare("select value from record_meta where key = 'record_id'").pluck().get() as string;
}

// ——— Making a package ———

/** The natural keys of the pôle's records, which say which rows of each sheet are the pôle's. */
function ownersOf(sqlite: BetterSqlite3.Database, poleId: number, code: string): Record<PackageOwner, Set<string>> {
  const keys = (query: string): Set<string> => new Set(sqlite.prepare(query).pluck().all(poleId) as string[]);
  const numbers = keys('select number from saisines where pole_id = ?');
  return {
    pole: new Set([code]),
    schools: keys('select uai from schools where pole_id = ?'),
    pupils: keys('select e.identifier from pupils e join schools s on s.id = e.school_id where s.pole_id = ?'),
    aesh: keys('select matricule from aesh where pole_id = ?'),
    // Étapes and Actions name a saisine by its number, or "PAS-01 2026-001" when several PAS share it.
    saisines: new Set([...numbers, ...[...numbers].map((n) => `${code} ${n}`)]),
  };
}

/** The pôle's rows of one sheet of the record's export. */
function poleRows(sheet: XLSX.WorkSheet, key: SheetKey, owners: Record<PackageOwner, Set<string>>): { header: string[]; rows: OutCell[][] } {
  const [header = [], ...rows] = XLSX.utils.sheet_to_json<OutCell[]>(sheet, { header: 1, raw: true, defval: null });
  const scope = PACKAGE_SCOPE[key];
  const at = (header as string[]).indexOf(scope.column);
  return { header: header as string[], rows: rows.filter((row) => at >= 0 && owners[scope.owner].has(String(row[at] ?? '').trim())) };
}

export interface PackageFile { bytes: Uint8Array; header: PackageHeaderView }

/**
 * Runs the record's export over the pôle's neighbourhood: temporary views, which SQLite reads
 * before the tables of the same name, hold the pôle's rows and those they refer to (a slot's
 * school and pupils elsewhere, a saisine's). A whole département's export read back would take
 * seconds for a few hundred rows; the export's own queries stay the one definition of the sheets.
 * The views live for this synchronous call only: nothing else reads the connection meanwhile.
 */
function exportAround(sqlite: BetterSqlite3.Database, poleId: number): Uint8Array {
  const aesh = `select id from main.aesh where pole_id = ${poleId}`;
  const slots = `select id from main.slots where aesh_id in (${aesh})`;
  const pupils = `school_id in (select id from main.schools where pole_id = ${poleId}) or id in (select pupil_id from main.slot_pupils where slot_id in (${slots}))
    or id in (select pupil_id from main.saisines where pole_id = ${poleId})`;
  const views: Record<string, string> = {
    schools: `select * from main.schools where pole_id = ${poleId} or id in (select school_id from main.slots where aesh_id in (${aesh}))
      or id in (select school_id from main.saisines) or id in (select school_id from main.pupils where ${pupils})`,
    pupils: `select * from main.pupils where ${pupils}`,
    notifications: `select * from main.notifications where pupil_id in (select id from main.pupils where ${pupils})`,
    aesh: `select * from main.aesh where pole_id = ${poleId}`,
    contracts: `select * from main.contracts where aesh_id in (${aesh})`,
    absences: `select * from main.absences where aesh_id in (${aesh})`,
    slots: `select * from main.slots where aesh_id in (${aesh})`,
  };
  try {
    for (const [name, query] of Object.entries(views)) sqlite.exec(`create temp view ${name} as ${query}`);
    return exportRecord(sqlite);
  } finally {
    for (const name of Object.keys(views)) sqlite.exec(`drop view if exists temp.${name}`);
  }
}

/** The pôle's package: its header sheet, then the exchange workbook's sheets holding its rows only. */
export async function makePackage(sqlite: BetterSqlite3.Database, poleCode: string, now: Date, passphrase?: string): Promise<PackageFile> {
  const pole = sqlite.prepare('select id, code, name from poles where code = ?').get(poleCode) as { id: number; code: string; name: string } | undefined;
  if (pole === undefined) throw new ApiError('not_found', `Pôle ${poleCode} inconnu.`);
  const owners = ownersOf(sqlite, pole.id, pole.code);
  const record = XLSX.read(exportAround(sqlite, pole.id), { type: 'buffer', cellDates: true, dense: true });
  const header: PackageHeaderView = { pole: pole.code, poleName: pole.name, record: recordIdOf(sqlite), madeAt: now.toISOString() };
  const sheets: [string, XLSX.WorkSheet][] = [[PACKAGE_SHEET, sheetOf(['Paquet Planif AESH', ''], [
    [PACKAGE_LINES.pole, header.pole],
    [PACKAGE_LINES.poleName, header.poleName],
    [PACKAGE_LINES.record, header.record],
    [PACKAGE_LINES.madeOn, formatDate(todayIso(now))],
    [PACKAGE_LINES.madeAt, header.madeAt],
    [PACKAGE_LINES.notice, PACKAGE_NOTICE],
  ], { widths: [24, 110], table: false })]];
  for (const name of record.SheetNames) {
    const key = sheetKeyOf(name);
    if (key === null) continue;
    const { header: columns, rows } = poleRows(record.Sheets[name]!, key, owners);
    sheets.push([name, sheetOf(columns, rows)]);
  }
  const plain = workbookBytes(sheets);
  if (passphrase === undefined) return { bytes: plain, header };
  return { bytes: await (await XlsxPopulate.fromDataAsync(plain)).outputAsync({ type: 'uint8array', password: passphrase }), header };
}

// ——— Reading a package ———

/** An encrypted xlsx is an OLE compound file (not a zip) holding an "EncryptionInfo" stream. */
export function isEncryptedPackage(bytes: Uint8Array): boolean {
  const ole = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1].every((b, i) => bytes[i] === b);
  return ole && Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(Buffer.from('EncryptionInfo', 'utf16le'));
}

/** The package's sheets, decrypted first when it is encrypted; refused in French without the right passphrase. */
export async function readPackage(bytes: Uint8Array, fileName: string, maxMegabytes: number, passphrase?: string): Promise<FileSheet[]> {
  if (!isEncryptedPackage(bytes)) return readWorkbook(bytes, fileName, maxMegabytes);
  if (passphrase === undefined || passphrase === '') {
    throw new ApiError('refused', 'Ce paquet est chiffré : saisissez la phrase de passe que son expéditeur vous a donnée.', [{ path: 'passphrase', message: 'Phrase de passe du paquet obligatoire.' }]);
  }
  let plain: Uint8Array;
  try {
    plain = await (await XlsxPopulate.fromDataAsync(bytes, { password: passphrase })).outputAsync({ type: 'uint8array' });
  } catch {
    throw new ApiError('refused', 'Phrase de passe incorrecte : le paquet n’a pas pu être déchiffré.', [{ path: 'passphrase', message: 'Phrase de passe incorrecte.' }]);
  }
  // The decrypted workbook is an xlsx whatever the file's name.
  return readWorkbook(plain, fileName.replace(/\.[^.]*$/, '.xlsx'), maxMegabytes);
}

/**
 * The pôle a file names in its header sheet when it is a package, else null: the ordinary import
 * refuses a package, which it would write without its deletions.
 */
export function packagePoleOf(sheets: readonly FileSheet[]): string | null {
  const value = sheets.find((s) => s.name === PACKAGE_SHEET)?.grid.find((cells) => cells[0] === PACKAGE_LINES.pole)?.[1];
  return value === null || value === undefined || String(value).trim() === '' ? null : String(value).trim();
}

/** What the header sheet says; a file without one is not a package. */
export function packageHeaderOf(sheets: readonly FileSheet[]): PackageHeaderView {
  const sheet = sheets.find((s) => s.name === PACKAGE_SHEET);
  const line = (label: string): string => {
    const value: Cell | undefined = sheet?.grid.find((cells) => cells[0] === label)?.[1];
    if (value === null || value === undefined || String(value).trim() === '') {
      throw new ApiError('refused', sheet === undefined
        ? `Ce fichier n’est pas un paquet : il n’a pas de feuille « ${PACKAGE_SHEET} ». Importez-le depuis « Importer un classeur ».`
        : `Paquet incomplet : la ligne « ${label} » de la feuille « ${PACKAGE_SHEET} » est vide.`);
    }
    return String(value).trim();
  };
  return { pole: line(PACKAGE_LINES.pole), poleName: line(PACKAGE_LINES.poleName), record: line(PACKAGE_LINES.record), madeAt: line(PACKAGE_LINES.madeAt) };
}

// ——— Planning an import ———

/** A row in a form both sides can compare: references by natural key, no id nor version. */
type Content = Record<string, unknown>;

const REFERENCES = { poleId: 'poles', schoolId: 'schools', pupilId: 'pupils', aeshId: 'aesh', natureId: 'saisineNatures', saisineId: 'saisines' } as const;

function contentOfRow(state: RecordState, table: Table, row: AnyRow): Content {
  const { id, version: _version, gridJson: _grid, ...content } = row;
  for (const [column, table_] of Object.entries(REFERENCES)) {
    if (column in content) content[column] = content[column] === null ? null : state.keyOf[table_].get(Number(content[column])) ?? null;
  }
  if (table === 'slots') content.pupils = state.slotPupils.get(id) ?? [];
  return content;
}

function contentOfOp(op: Op): Content {
  const content: Content = { ...op.values };
  for (const [column, ref] of Object.entries(op.refs)) content[column] = ref?.key ?? null;
  if (op.table === 'slots') content.pupils = op.pupils ?? [];
  return content;
}

/** A short, stable digest of a row's content (keys sorted). */
function hashOf(content: Content): string {
  const sorted = Object.fromEntries(Object.entries(content).toSorted(([a], [b]) => a.localeCompare(b)));
  return createHash('sha256').update(JSON.stringify(sorted)).digest('base64url').slice(0, 22);
}

/** Marks a row whose version here was kept against a package's: it counts as changed here next time. */
const KEPT_HERE = 'gardée-ici';

/** The rows of the pôle here, by "table|key": its schools and AESH, and what hangs on them. */
function poleScope(state: RecordState, poleCode: string): Map<string, { table: Table; key: string; row: AnyRow }> {
  const scope = new Map<string, { table: Table; key: string; row: AnyRow }>();
  const poleId = state.rows.poles.get(poleCode)?.id;
  if (poleId === undefined) return scope;
  const add = (table: Table, test: (row: AnyRow) => boolean): Set<number> => {
    const ids = new Set<number>();
    for (const [key, row] of state.rows[table]) {
      if (!test(row)) continue;
      scope.set(`${table}|${key}`, { table, key, row });
      ids.add(row.id);
    }
    return ids;
  };
  const schools = add('schools', (r) => r.poleId === poleId);
  const pupils = add('pupils', (r) => schools.has(Number(r.schoolId)));
  add('notifications', (r) => pupils.has(Number(r.pupilId)));
  const aesh = add('aesh', (r) => r.poleId === poleId);
  for (const table of ['contracts', 'absences', 'slots'] as const) add(table, (r) => aesh.has(Number(r.aeshId)));
  const saisines = add('saisines', (r) => r.poleId === poleId);
  for (const table of ['saisineSteps', 'saisineActions'] as const) add(table, (r) => saisines.has(Number(r.saisineId)));
  return scope;
}

/** The workbook sheet each table's rows are read from and reported in. */
const SHEET_OF: Record<Table, SheetKey> = {
  poles: 'poles', schools: 'schools', pupils: 'pupils', notifications: 'notifications', aesh: 'aesh', contracts: 'aesh', absences: 'absences', slots: 'slots',
  saisineNatures: 'saisines', saisines: 'saisines', saisineSteps: 'steps', saisineActions: 'actions',
};

export interface PackageConflict extends PackageConflictView { table: Table; key: string }

/**
 * A row that needs another in one of its versions (a notification its pupil, a slot its school and
 * pupils), where one of the two is a conflict: the user's choices must keep the other.
 */
interface Dependency {
  child: string;
  parent: string;
  /** The version of the child that needs the parent. */
  version: ConflictChoice;
  /** Each row's version without any choice (null: absent once the package is written). */
  childWithout: ConflictChoice | null;
  parentWithout: ConflictChoice | null;
  words: { child: string; parent: string };
}

export interface PackagePlan {
  header: PackageHeaderView;
  plan: ImportPlan;
  sheets: PackageSheetView[];
  conflicts: PackageConflict[];
  dependencies: Dependency[];
  refusals: string[];
  lastReceived: string | null;
}

interface Baseline { receivedAt: string; hashes: Record<string, string> }

function baselineOf(sqlite: BetterSqlite3.Database, header: PackageHeaderView): Baseline | null {
  const row = sqlite.prepare('select received_at, hashes_json from package_baselines where pole_code = ? and source_record = ?').get(header.pole, header.record) as
    { received_at: string; hashes_json: string } | undefined;
  return row === undefined ? null : { receivedAt: row.received_at, hashes: JSON.parse(row.hashes_json) as Record<string, string> };
}

/**
 * Plans the import of a package: the importer's plan of its rows, plus the deletions (the pôle's
 * rows here, and those of its pupils and AESH, that the package no longer holds), the conflicts
 * with what was changed here since the last package from the same record, and what keeps it from
 * being written (a refused row: a package is written whole; a row of another pôle).
 */
export async function planPackage(sqlite: BetterSqlite3.Database, sheets: readonly FileSheet[], settings: Settings, today: IsoDate): Promise<PackagePlan> {
  const header = packageHeaderOf(sheets);
  const rows = sheets.filter((s) => s.name !== PACKAGE_SHEET);
  const assignments = proposeMapping(rows);
  let before: RecordState | undefined;
  const first = await planImport(sqlite, rows, assignments, {}, settings, today, undefined, (state) => {
    before = state;
  });
  const state = before!;
  const inPackage = new Set(first.ops.map((op) => `${op.table}|${op.key}`));
  const packageKeys = (table: Table): Set<string> => new Set(first.ops.filter((op) => op.table === table).map((op) => op.key));
  const pupils = packageKeys('pupils');
  const aesh = packageKeys('aesh');
  const scope = poleScope(state, header.pole);
  // The records of the package own what hangs on them, even where they were of another pôle here.
  const hangs = (table: Table, owner: string): boolean =>
    (table === 'notifications' && pupils.has(owner)) || ((table === 'contracts' || table === 'absences' || table === 'slots') && aesh.has(owner));
  for (const table of ['notifications', 'contracts', 'absences', 'slots'] as const) {
    for (const [key, row] of state.rows[table]) if (hangs(table, key.slice(0, key.indexOf('|')))) scope.set(`${table}|${key}`, { table, key, row });
  }
  const deletions: Deletion[] = [...scope.values()]
    // The pôle itself stays, and so does the list of natures, which all PAS share.
    .filter(({ table, key }) => table !== 'poles' && table !== 'saisineNatures' && !inPackage.has(`${table}|${key}`))
    .map(({ table, key, row }) => ({ table, key, existing: row }));
  // Planned again without the rows it deletes: a period may now overlap its own former row.
  const plan = deletions.length === 0 ? first : await planImport(sqlite, rows, assignments, {}, settings, today, undefined, (s) => {
    for (const d of deletions) s.rows[d.table].delete(d.key);
  });
  plan.deletions = deletions;

  const refusals = [
    ...plan.reports.flatMap((r) => r.refused.filter((x) => !x.withLine).map((x) => `${r.sheet}, ligne ${x.row}${x.column ? `, colonne ${x.column}` : ''} : ${x.reason}`)),
    ...outsideThePole(plan.ops, header.pole),
  ];
  const baseline = baselineOf(sqlite, header);
  const conflicts = baseline === null ? [] : conflictsOf(plan, state, scope, baseline);
  return {
    header,
    plan,
    sheets: sheetViews(plan, state),
    conflicts,
    dependencies: conflicts.length === 0 ? [] : dependenciesOf(plan, state, scope, conflicts),
    refusals,
    lastReceived: baseline?.receivedAt ?? null,
  };
}

/** Rows of the package that would touch another pôle's: a package holds its pôle only. */
function outsideThePole(ops: readonly Op[], pole: string): string[] {
  const keys = (table: Table): Set<string> => new Set(ops.filter((op) => op.table === table).map((op) => op.key));
  const schools = keys('schools');
  const pupils = keys('pupils');
  const aesh = keys('aesh');
  const owner: Partial<Record<Table, (op: Op) => boolean>> = {
    poles: (op) => op.key === pole,
    schools: (op) => op.refs.poleId?.key === pole,
    aesh: (op) => op.refs.poleId?.key === pole,
    pupils: (op) => schools.has(op.refs.schoolId?.key ?? ''),
    notifications: (op) => pupils.has(op.refs.pupilId?.key ?? ''),
    contracts: (op) => aesh.has(op.refs.aeshId?.key ?? ''),
    absences: (op) => aesh.has(op.refs.aeshId?.key ?? ''),
    slots: (op) => aesh.has(op.refs.aeshId?.key ?? ''),
    saisines: (op) => op.refs.poleId?.key === pole,
    saisineSteps: (op) => op.refs.saisineId?.key.startsWith(`${pole}|`) === true,
    saisineActions: (op) => op.refs.saisineId?.key.startsWith(`${pole}|`) === true,
  };
  return ops.filter((op) => owner[op.table]?.(op) === false)
    .map((op) => `${SHEETS[SHEET_OF[op.table]].name} : ${rowWords(op.table, contentOfOp(op))} n’est pas du pôle ${pole} (un paquet ne porte que son pôle).`);
}

function sheetViews(plan: ImportPlan, state: RecordState): PackageSheetView[] {
  const views = new Map<string, PackageSheetView>();
  const viewOf = (sheet: string): PackageSheetView => {
    let view = views.get(sheet);
    if (view === undefined) {
      const report = plan.reports.find((r) => r.sheet === sheet);
      view = { sheet, created: report?.created ?? 0, updated: report?.updated ?? 0, unchanged: report?.unchanged ?? 0, deleted: 0, deletions: [], creations: [], updates: [] };
      views.set(sheet, view);
    }
    return view;
  };
  for (const report of plan.reports) viewOf(report.sheet);
  for (const op of plan.ops) {
    if (op.status === 'unchanged') continue;
    const view = viewOf(SHEETS[SHEET_OF[op.table]].name);
    (op.status === 'create' ? view.creations : view.updates).push(rowWords(op.table, contentOfOp(op)));
  }
  for (const d of plan.deletions) {
    const view = viewOf(SHEETS[SHEET_OF[d.table]].name);
    view.deleted += 1;
    view.deletions.push(rowWords(d.table, contentOfRow(state, d.table, d.existing)));
    // Reported like the importer's counts: one per sheet row (an AESH's contracts are on its rows).
    const report = plan.reports.find((r) => r.sheet === view.sheet);
    if (report !== undefined) report.deleted += 1;
  }
  return [...views.values()];
}

function conflictsOf(plan: ImportPlan, state: RecordState, scope: ReadonlyMap<string, unknown>, baseline: Baseline): PackageConflict[] {
  const conflicts: PackageConflict[] = [];
  const consider = (table: Table, key: string, incoming: Content | null, change: PackageConflictView['change']): void => {
    const id = `${table}|${key}`;
    const row = state.rows[table].get(key);
    const base = baseline.hashes[id] ?? null;
    // Only the pôle's rows here: a row of another pôle that the package claims moves into it.
    if (row !== undefined && !scope.has(id)) return;
    const here = row === undefined ? null : contentOfRow(state, table, row);
    if ((here === null ? null : hashOf(here)) === base) return;
    conflicts.push({
      id, table, key, sheet: SHEETS[SHEET_OF[table]].name, row: rowWords(table, here ?? incoming!),
      here: here === null ? 'supprimée' : base === null ? 'créée' : 'modifiée', change, fields: versionFields(table, here, incoming),
    });
  };
  for (const op of plan.ops) if (op.status !== 'unchanged') consider(op.table, op.key, contentOfOp(op), op.status === 'create' ? 'création' : 'modification');
  for (const d of plan.deletions) consider(d.table, d.key, null, 'suppression');
  return conflicts;
}

/** The rows each row refers to, as "table|key": the references of its content, a slot's pupils. */
function parentsOf(content: Content): string[] {
  const parents = Object.entries(REFERENCES).flatMap(([column, table]) => {
    // References are natural keys by now (contentOfRow, contentOfOp).
    const key = content[column] as string | null | undefined;
    return key === null || key === undefined ? [] : [`${table}|${key}`];
  });
  return [...parents, ...((content.pupils as string[] | undefined) ?? []).map((identifier) => `pupils|${identifier}`)];
}

function dependenciesOf(plan: ImportPlan, state: RecordState, scope: ReadonlyMap<string, { table: Table; row: AnyRow }>, conflicts: readonly PackageConflict[]): Dependency[] {
  const inConflict = new Set(conflicts.map((c) => c.id));
  const versions = [
    ...plan.ops.map((op) => ({ id: `${op.table}|${op.key}`, version: 'package' as const, table: op.table, content: contentOfOp(op) })),
    ...[...scope].map(([id, { table, row }]) => ({ id, version: 'here' as const, table, content: contentOfRow(state, table, row) })),
  ];
  const written = new Set(plan.ops.map((op) => `${op.table}|${op.key}`));
  const deleted = new Set(plan.deletions.map((d) => `${d.table}|${d.key}`));
  // Without choices, a row of the package is written, one the package deletes is gone, any other stays.
  const without = (id: string): ConflictChoice | null => {
    if (written.has(id)) return 'package';
    const at = id.indexOf('|');
    return !deleted.has(id) && state.rows[id.slice(0, at) as Table].has(id.slice(at + 1)) ? 'here' : null;
  };
  const words = new Map(versions.map((v) => [v.id, rowWords(v.table, v.content)]));
  return versions.flatMap(({ id, version, content }) => parentsOf(content)
    .filter((parent) => inConflict.has(id) || inConflict.has(parent))
    .map((parent) => ({
      child: id, parent, version, childWithout: without(id), parentWithout: without(parent),
      words: { child: words.get(id)!, parent: words.get(parent) ?? parent },
    })));
}

/**
 * Choices that would keep a row without a row it needs (a notification taken from the package for
 * a pupil kept deleted here), in French naming both: refused before anything is written.
 */
function inconsistentChoices(planned: PackagePlan, choices: Readonly<Record<string, ConflictChoice>>): string[] {
  const conflicts = new Map(planned.conflicts.map((c) => [c.id, c]));
  const versionOf = (id: string, without: ConflictChoice | null): ConflictChoice | null => {
    const conflict = conflicts.get(id);
    if (conflict === undefined) return without;
    if (choices[id] === 'here') return conflict.here === 'supprimée' ? null : 'here';
    return conflict.change === 'suppression' ? null : 'package';
  };
  return planned.dependencies
    .filter((d) => versionOf(d.child, d.childWithout) === d.version && versionOf(d.parent, d.parentWithout) === null)
    .map((d) => `« ${d.words.child} » (version ${d.version === 'here' ? 'd’ici' : 'du paquet'}) a besoin de « ${d.words.parent} », qui n’existera plus avec les choix faits`);
}

/**
 * The plan as the user decided: a conflict kept "here" leaves that row as it is. Refused while a
 * conflict is undecided, or while the package cannot be written whole.
 */
export function decidedPlan(planned: PackagePlan, choices: Readonly<Record<string, ConflictChoice>>): ImportPlan {
  if (planned.refusals.length > 0) {
    throw new ApiError('refused', `Paquet non importé : ${planned.refusals.length === 1 ? 'une ligne ne peut' : `${planned.refusals.length} lignes ne peuvent`} pas être écrite${planned.refusals.length === 1 ? '' : 's'} (${planned.refusals.slice(0, 3).join(' ; ')}${planned.refusals.length > 3 ? ' ; …' : ''}). Rien n’a été écrit.`);
  }
  const open = planned.conflicts.filter((c) => choices[c.id] === undefined);
  if (open.length > 0) {
    throw new ApiError('refused', `${open.length === 1 ? 'Un conflit n’est pas résolu' : `${open.length} conflits ne sont pas résolus`} : choisissez pour chaque ligne la version à garder (ici ou celle du paquet). Rien n’a été écrit.`);
  }
  const inconsistent = inconsistentChoices(planned, choices);
  if (inconsistent.length > 0) {
    throw new ApiError('refused', `Choix incompatibles : ${inconsistent.join(' ; ')}. Gardez la même version (ici ou celle du paquet) pour ces lignes. Rien n’a été écrit.`);
  }
  const keptHere = new Set(planned.conflicts.filter((c) => choices[c.id] === 'here').map((c) => c.id));
  return {
    ...planned.plan,
    ops: planned.plan.ops.map((op) => (keptHere.has(`${op.table}|${op.key}`) ? { ...op, status: 'unchanged' } : op)),
    deletions: planned.plan.deletions.filter((d) => !keptHere.has(`${d.table}|${d.key}`)),
  };
}

/** What a record keeps of the last package of a pôle received from another: a row of package_baselines. */
interface Receipt { poleCode: string; sourceRecord: string; receivedAt: string; madeAt: string; hashesJson: string }

/** Journaled under this name, with no id: the receipt's key is its pôle and source record. */
export const RECEIPT_ENTITY = 'packageBaselines';

function receiptOf(sqlite: BetterSqlite3.Database, poleCode: string, sourceRecord: string): Receipt | null {
  const raw = sqlite.prepare('select received_at, made_at, hashes_json from package_baselines where pole_code = ? and source_record = ?').get(poleCode, sourceRecord) as
    { received_at: string; made_at: string; hashes_json: string } | undefined;
  return raw === undefined ? null : { poleCode, sourceRecord, receivedAt: raw.received_at, madeAt: raw.made_at, hashesJson: raw.hashes_json };
}

/**
 * Writes a receipt, or removes it (null), with its journal line: undoing the import it came with
 * brings the previous one back, so that rows the undo restored are not taken for rows changed here.
 */
async function writeReceipt(trx: Trx, ctx: ServiceContext, poleCode: string, sourceRecord: string, receipt: Receipt | null): Promise<void> {
  const before = receiptOf(ctx.sqlite, poleCode, sourceRecord);
  if (receipt === null) {
    ctx.sqlite.prepare('delete from package_baselines where pole_code = ? and source_record = ?').run(poleCode, sourceRecord);
  } else {
    ctx.sqlite.prepare(`insert into package_baselines (pole_code, source_record, received_at, made_at, hashes_json) values (?, ?, ?, ?, ?)
      on conflict (pole_code, source_record) do update set received_at = excluded.received_at, made_at = excluded.made_at, hashes_json = excluded.hashes_json`)
      .run(poleCode, sourceRecord, receipt.receivedAt, receipt.madeAt, receipt.hashesJson);
  }
  await journal(trx, ctx, before === null ? 'create' : receipt === null ? 'delete' : 'update', RECEIPT_ENTITY, null, before, receipt);
}

/**
 * Remembers, after the import's writes and in their transaction, the pôle's rows as they now
 * stand here: the next package from the same record is compared with them. A row kept "here"
 * against the package is marked, so that it is a conflict again if the next package differs.
 */
export async function saveBaseline(trx: Trx, ctx: ServiceContext, planned: PackagePlan, choices: Readonly<Record<string, ConflictChoice>>): Promise<void> {
  const state = loadState(ctx.sqlite);
  const hashes: Record<string, string> = {};
  for (const [id, { table, row }] of poleScope(state, planned.header.pole)) hashes[id] = hashOf(contentOfRow(state, table, row));
  for (const conflict of planned.conflicts) if (choices[conflict.id] === 'here') hashes[conflict.id] = KEPT_HERE;
  const { pole, record, madeAt } = planned.header;
  await writeReceipt(trx, ctx, pole, record, { poleCode: pole, sourceRecord: record, receivedAt: ctx.now().toISOString(), madeAt, hashesJson: JSON.stringify(hashes) });
}

/** Undoes a journaled receipt (undo.ts): the one before comes back, unless another package was received since. */
export async function revertReceipt(trx: Trx, ctx: ServiceContext, before: unknown, after: unknown): Promise<void> {
  const { poleCode, sourceRecord } = (after ?? before) as Receipt;
  if (JSON.stringify(receiptOf(ctx.sqlite, poleCode, sourceRecord)) !== JSON.stringify(after)) {
    throw new ApiError('conflict', `Annulation impossible : un paquet du pôle ${poleCode} a été reçu depuis. Annulez d’abord son import.`);
  }
  await writeReceipt(trx, ctx, poleCode, sourceRecord, before as Receipt | null);
}

// ——— Rows in words ———

const FIELD_LABELS: Record<string, string> = {
  code: 'Code', name: 'Nom', kind: 'Type', coordinator: 'Coordonnateur', pilot: 'Pilote', uai: 'UAI', sector: 'Secteur', commune: 'Commune',
  poleId: 'Pôle', week: 'Semaine', latitude: 'Latitude', longitude: 'Longitude', identifier: 'Identifiant', lastName: 'Nom', firstName: 'Prénom',
  birthDate: 'Date de naissance', schoolId: 'Établissement', level: 'Niveau', className: 'Classe', ulis: 'ULIS', pupilId: 'Élève',
  weeklyMinutes: 'Heures hebdomadaires', startDate: 'Début', endDate: 'Fin', lunchBreak: 'Pause méridienne', activities: 'Activités',
  matricule: 'Matricule', homeCommune: 'Commune de résidence', skills: 'Compétences', referent: 'Référent', aeshId: 'AESH', reason: 'Motif',
  weekday: 'Jour', startMinute: 'Début', endMinute: 'Fin', nature: 'Nature', validFrom: 'Du', validTo: 'Au', pupils: 'Élèves',
  number: 'Numéro', receivedOn: 'Reçue le', channel: 'Canal', origin: 'Origine', requester: 'Demandeur', natureId: 'Nature',
  description: 'Description', educator: 'Éducateur', plans: 'Plans', mdphStatus: 'Statut MDPH', lpiConsultedOn: 'LPI consulté le',
  closedOn: 'Clôturée le', closure: 'Clôture', saisineId: 'Saisine', step: 'Étape', date: 'Date', author: 'Auteur', decision: 'Décision',
  note: 'Note', type: 'Type', owner: 'Responsable', frequency: 'Fréquence', label: 'Libellé',
  requesterContact: 'Contact du demandeur', goals: 'Objectifs', bilanActions: 'Bilan — actions réalisées', bilanEffects: 'Bilan — effets',
  bilanNext: 'Bilan — suite', bilanSentOn: 'Bilan — transmis le', reorientedTo: 'Réorientée vers', anonymisedOn: 'Anonymisée le',
};
const CHOICE_LABELS: Record<string, string> = {
  ...POLE_KIND_LABELS, ...SCHOOL_KIND_LABELS, ...SECTOR_LABELS, ...WEEK_PATTERN_LABELS, ...NOTIFICATION_KIND_LABELS, ...SLOT_NATURE_LABELS,
  ...SAISINE_CHANNEL_LABELS, ...SAISINE_ORIGIN_LABELS, ...MDPH_STATUS_LABELS, ...PILOT_DECISION_LABELS, ...ACTION_TYPE_LABELS,
  ...BILAN_NEXT_LABELS, ...REORIENTATION_LABELS,
};
const DATE_FIELDS = new Set([
  'birthDate', 'startDate', 'endDate', 'validFrom', 'validTo', 'receivedOn', 'closedOn', 'lpiConsultedOn', 'date', 'bilanSentOn', 'anonymisedOn',
]);
const FLAG_FIELDS = new Set(['ulis', 'lunchBreak', 'referent']);

/** A value as the forms show it: dates dd/mm/yyyy, hours "12 h 30", days and kinds in words. */
function shownValue(field: string, raw: unknown): string {
  if (raw === null || raw === undefined || raw === '') return '—';
  if (Array.isArray(raw)) return raw.join(', ') || '—';
  // A row's cells are text and numbers: references are natural keys by now.
  const value = raw as string | number;
  if (DATE_FIELDS.has(field)) return formatDate(String(value));
  if (FLAG_FIELDS.has(field)) return value === 1 || raw === true ? 'oui' : 'non';
  if (field === 'weeklyMinutes' || field === 'startMinute' || field === 'endMinute') return formatHours(Number(value));
  if (field === 'weekday') return WEEKDAY_LABELS[Number(value) as Weekday] ?? String(value);
  if (field === 'skills') return (JSON.parse(String(value)) as string[]).join(', ') || '—';
  return CHOICE_LABELS[String(value)] ?? String(value);
}

/** Both versions of a row, field by field, in the order of its table's columns. */
function versionFields(table: Table, here: Content | null, incoming: Content | null): VersionField[] {
  const fields = Object.keys(incoming ?? here ?? {}).filter((f) => FIELD_LABELS[f] !== undefined && !(table === 'schools' && f === 'gridJson'));
  return fields.map((f) => {
    const a = here === null ? null : shownValue(f, here[f]);
    const b = incoming === null ? null : shownValue(f, incoming[f]);
    return { label: FIELD_LABELS[f]!, here: a, package: b, differs: a !== b };
  });
}

/** A row named as a coordinator would: "AESH 12345 — Durand Sophie", "Créneau 12345 — lundi 8 h 30, 0840001A". */
function rowWords(table: Table, c: Content): string {
  const v = (field: string): string => shownValue(field, c[field]);
  switch (table) {
    case 'poles': return `Pôle ${v('code')} — ${v('name')}`;
    case 'schools': return `Établissement ${v('uai')} — ${v('name')}`;
    case 'pupils': return `Élève ${v('identifier')} — ${v('lastName')} ${v('firstName')}`;
    case 'notifications': return `Notification ${v('kind')} de l’élève ${v('pupilId')} du ${v('startDate')}`;
    case 'aesh': return `AESH ${v('matricule')} — ${v('lastName')} ${v('firstName')}`;
    case 'contracts': return `Contrat ${v('kind')} de l’AESH ${v('aeshId')} du ${v('startDate')}`;
    case 'absences': return `Absence de l’AESH ${v('aeshId')} du ${v('startDate')}`;
    case 'saisineNatures': return `Nature de saisine « ${v('label')} »`;
    case 'saisines': return `Saisine ${v('number')} du ${v('receivedOn')}`;
    case 'saisineSteps': return `Étape ${v('step')} de la saisine ${v('saisineId')} du ${v('date')}`;
    case 'saisineActions': return `Action « ${v('type')} » de la saisine ${v('saisineId')}`;
    case 'slots': return `Créneau de l’AESH ${v('aeshId')} — ${v('weekday')} ${v('startMinute')}–${v('endMinute')}, ${v('schoolId')}${c.validFrom ? ` (du ${v('validFrom')})` : ''}`;
    default: return assertNever(table, 'table d’un paquet');
  }
}
