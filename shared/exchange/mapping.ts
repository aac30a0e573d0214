// Which columns of a file feed which columns of the workbook, and which values of its closed
// columns mean which value of the record. Proposed from the headers (exact label or known synonym
// first, then a close spelling) and from the known spellings of values, corrected by the user in
// the preview, and saved as JSON:
//   { "<sheet>": { "<column>": "<header in the file>" },
//     "values": { "<sheet>.<column>": { "<value in the file>": "<value of the workbook>" } } }
import { z } from 'zod';
import { normaliseHeader, SHEET_KEYS, SHEETS, sheetKeyOf, type SheetKey } from './sheets.ts';
import { CHOICE_COLUMNS, valueKey, type Choice } from './values.ts';

export interface FileSheetHeaders {
  name: string;
  headers: string[];
  /** Hidden in the spreadsheet (a list of choices, an old copy): left aside unless the user feeds it. */
  hidden?: boolean;
}

/** One workbook sheet fed by one sheet of the file; columns maps column key → header (or null). */
export interface SheetAssignment {
  target: SheetKey;
  source: string;
  columns: Record<string, string | null>;
}

/** Values of the file mapped by the user: "<sheet>.<column>" → value in the file → value of the workbook. */
export type ValueMapping = Record<string, Record<string, string>>;
/** The saved mapping as JSON: the sheets' columns, and `values`. */
export type SavedMapping = Record<string, Record<string, string> | ValueMapping>;
/** The saved mapping once read. */
export interface MappingFile { sheets: Record<string, Record<string, string>>; values: ValueMapping }
const VALUES = 'values';

function bigrams(text: string): string[] {
  const grams: string[] = [];
  for (let i = 0; i < text.length - 1; i += 1) grams.push(text.slice(i, i + 2));
  return grams;
}

/** Dice similarity of two normalised headers, 0 to 1. */
export function similarity(a: string, b: string): number {
  const left = bigrams(a);
  const right = bigrams(b);
  if (left.length === 0 || right.length === 0) return a === b ? 1 : 0;
  const pool = [...right];
  let shared = 0;
  for (const gram of left) {
    const index = pool.indexOf(gram);
    if (index >= 0) {
      shared += 1;
      pool.splice(index, 1);
    }
  }
  return (2 * shared) / (left.length + right.length);
}

const CLOSE_ENOUGH = 0.8;

/** Each column of `target` to the header that names it best, each header used once. */
export function matchColumns(target: SheetKey, headers: readonly string[]): Record<string, string | null> {
  const free = new Map(headers.map((h) => [normaliseHeader(h), h]));
  const columns: Record<string, string | null> = {};
  const defs = SHEETS[target].columns;
  for (const column of defs) {
    const names = [column.label, ...(column.synonyms ?? [])].map(normaliseHeader);
    const exact = names.find((name) => free.has(name));
    columns[column.key] = exact === undefined ? null : free.get(exact)!;
    if (exact !== undefined) free.delete(exact);
  }
  for (const column of defs) {
    if (columns[column.key] !== null) continue;
    const names = [column.label, ...(column.synonyms ?? [])].map(normaliseHeader);
    let best: [string, number] | null = null;
    for (const header of free.keys()) {
      const score = Math.max(...names.map((name) => similarity(name, header)));
      if (score >= CLOSE_ENOUGH && (best === null || score > best[1])) best = [header, score];
    }
    if (best !== null) {
      columns[column.key] = free.get(best[0])!;
      free.delete(best[0]);
    }
  }
  return columns;
}

const requiredFound = (target: SheetKey, columns: Record<string, string | null>): boolean =>
  SHEETS[target].columns.every((c) => !c.required || columns[c.key] !== null);

/**
 * A sheet named after a workbook sheet feeds it. Any other sheet (a CSV, an MDPH export) feeds
 * every workbook sheet whose required columns it holds. A sheet that fits none and a hidden sheet
 * are left aside (see setAside): a sheet fed to the sheet it merely resembles would have its rows
 * refused there, or worse, written as what they are not.
 */
export function proposeMapping(sheets: readonly FileSheetHeaders[]): SheetAssignment[] {
  const assignments: SheetAssignment[] = [];
  for (const sheet of sheets) {
    if (sheet.hidden === true) continue;
    const named = sheetKeyOf(sheet.name);
    if (named !== null) {
      assignments.push({ target: named, source: sheet.name, columns: matchColumns(named, sheet.headers) });
      continue;
    }
    for (const target of SHEET_KEYS) {
      const columns = matchColumns(target, sheet.headers);
      if (requiredFound(target, columns)) assignments.push({ target, source: sheet.name, columns });
    }
  }
  return assignments;
}

/** The sheets of the file that feed nothing, each with why, in French: reported in the preview. */
export function setAside(sheets: readonly FileSheetHeaders[], assignments: readonly SheetAssignment[]): { sheet: string; reason: string }[] {
  const aside: { sheet: string; reason: string }[] = [];
  for (const sheet of sheets) {
    if (assignments.some((a) => a.source === sheet.name) || sheet.headers.length === 0) continue;
    if (sheet.hidden === true) {
      aside.push({ sheet: sheet.name, reason: 'feuille masquée : laissée de côté' });
    } else {
      const found = (target: SheetKey): number => Object.values(matchColumns(target, sheet.headers)).filter((h) => h !== null).length;
      const closest = SHEET_KEYS.toSorted((a, b) => found(b) - found(a))[0]!;
      const columns = matchColumns(closest, sheet.headers);
      const missing = SHEETS[closest].columns.filter((c) => c.required && columns[c.key] === null).map((c) => c.label);
      aside.push({
        sheet: sheet.name,
        reason: found(closest) === 0
          ? 'ne correspond à aucune feuille du classeur d’échange : laissée de côté'
          : `ne correspond à aucune feuille du classeur d’échange (la plus proche, ${SHEETS[closest].name}, demande aussi ${missing.join(', ')}) : laissée de côté ; choisissez la feuille qu’elle alimente pour l’importer`,
      });
    }
  }
  return aside;
}

/** The mapping as the user saves it, by workbook sheet and column names, with the values mapped. */
export function toSavedMapping(assignments: readonly SheetAssignment[], values: ValueMapping): SavedMapping {
  const saved: SavedMapping = {};
  for (const a of assignments) {
    const sheet = SHEETS[a.target];
    saved[sheet.name] = Object.fromEntries(
      sheet.columns.filter((c) => typeof a.columns[c.key] === 'string').map((c) => [c.label, a.columns[c.key]!]),
    );
  }
  if (Object.keys(values).length > 0) saved[VALUES] = values;
  return saved;
}

/**
 * A saved mapping applied to a file: each workbook sheet it names is fed by the file's sheet of
 * that name, or else by the sheet that holds the headers it lists. Returns the problems in French.
 */
export function applySavedMapping(sheets: readonly FileSheetHeaders[], saved: MappingFile['sheets']): { assignments: SheetAssignment[]; problems: string[] } {
  const assignments: SheetAssignment[] = [];
  const problems: string[] = [];
  for (const [sheetName, columns] of Object.entries(saved)) {
    const target = sheetKeyOf(sheetName);
    if (target === null) {
      problems.push(`Correspondance : feuille « ${sheetName} » inconnue (${SHEET_KEYS.map((k) => SHEETS[k].name).join(', ')}).`);
      continue;
    }
    const wanted = Object.values(columns).map(normaliseHeader);
    const source = sheets.find((s) => sheetKeyOf(s.name) === target)
      ?? sheets.find((s) => wanted.every((h) => s.headers.some((header) => normaliseHeader(header) === h)));
    if (source === undefined) {
      problems.push(`Correspondance : aucune feuille du fichier ne contient les colonnes prévues pour « ${sheetName} ».`);
      continue;
    }
    const resolved: Record<string, string | null> = {};
    for (const column of SHEETS[target].columns) {
      const header = Object.entries(columns).find(([label]) => normaliseHeader(label) === normaliseHeader(column.label))?.[1];
      resolved[column.key] = header === undefined ? null : source.headers.find((h) => normaliseHeader(h) === normaliseHeader(header)) ?? null;
    }
    for (const label of Object.keys(columns)) {
      if (!SHEETS[target].columns.some((c) => normaliseHeader(c.label) === normaliseHeader(label))) {
        problems.push(`Correspondance : colonne « ${label} » inconnue dans la feuille « ${sheetName} ».`);
      }
    }
    assignments.push({ target, source: source.name, columns: resolved });
  }
  return { assignments, problems };
}

/** Headers of the file that no assignment uses: ignored, and reported as such. */
export function unusedHeaders(sheets: readonly FileSheetHeaders[], assignments: readonly SheetAssignment[]): { sheet: string; header: string }[] {
  const used = new Set(assignments.flatMap((a) => Object.values(a.columns).filter((h) => typeof h === 'string').map((h) => `${a.source}\u0000${h}`)));
  return sheets.flatMap((s) => s.headers.filter((h) => h.trim() !== '' && !used.has(`${s.name}\u0000${h}`)).map((header) => ({ sheet: s.name, header })));
}

/** "Notifications.Type": how a closed column is named in the mapping's `values`. */
export function valueColumnName(target: SheetKey, column: string): string {
  return `${SHEETS[target].name}.${SHEETS[target].columns.find((c) => c.key === column)?.label ?? column}`;
}

/** The closed column a name of `values` stands for, if any. */
export function choiceColumnOf(name: string): { target: SheetKey; column: string; choice: Choice<unknown> } | null {
  const dot = name.indexOf('.');
  const target = dot < 0 ? null : sheetKeyOf(name.slice(0, dot));
  if (target === null) return null;
  const column = SHEETS[target].columns.find((c) => normaliseHeader(c.label) === normaliseHeader(name.slice(dot + 1)));
  const choice = column === undefined ? undefined : CHOICE_COLUMNS[target]?.[column.key];
  return choice === undefined ? null : { target, column: column!.key, choice };
}

const CLOSED_COLUMNS = SHEET_KEYS.flatMap((target) => Object.keys(CHOICE_COLUMNS[target] ?? {}).map((column) => valueColumnName(target, column)));

/** The French problems of a value mapping: a column that is not a closed one, a value it does not know. */
function valueProblems(values: ValueMapping, addIssue: (path: string[], message: string) => void): void {
  for (const [name, pairs] of Object.entries(values)) {
    const column = choiceColumnOf(name);
    if (column === null) {
      addIssue([name], `« ${name} » n’est pas une colonne à valeurs fixes du classeur (${CLOSED_COLUMNS.join(', ')}).`);
      continue;
    }
    for (const [found, meant] of Object.entries(pairs)) {
      const read = column.choice.read(meant);
      if (!read.ok || meant.trim() === '') addIssue([name, found], `« ${meant} » n’est pas une valeur de ${name} (${column.choice.words.join(', ')}).`);
    }
  }
}

const textPairs = (what: string) => z.record(z.string(), z.string({ error: `${what} : un texte est attendu.` }), { error: `${what} : un objet JSON est attendu.` });

/** Values mapped in the preview, checked as a saved mapping's are. */
export const valueMappingSchema = z.record(z.string(), textPairs('Valeurs'), { error: 'Valeurs : un objet JSON est attendu.' })
  .superRefine((values, ctx) => valueProblems(values, (path, message) => ctx.addIssue({ code: 'custom', path, message })));

/** A saved mapping as read from its JSON, with French messages for what is wrong in it. */
export const savedMappingSchema = z.record(z.string(), z.record(z.string(), z.unknown(), {
  error: 'Correspondance : chaque feuille est un objet { "Colonne": "En-tête du fichier" }.',
}), {
  error: 'Correspondance : un objet JSON { "Feuille": { "Colonne": "En-tête du fichier" } } est attendu.',
}).transform((raw, ctx): MappingFile => {
  const sheets: MappingFile['sheets'] = {};
  const values: ValueMapping = {};
  for (const [key, entries] of Object.entries(raw)) {
    for (const [column, value] of Object.entries(entries)) {
      if (key === VALUES) {
        const pairs = textPairs(`Valeurs de « ${column} »`).safeParse(value);
        if (pairs.success) values[column] = pairs.data;
        else ctx.addIssue({ code: 'custom', path: [key, column], message: pairs.error.issues[0]!.message });
      } else if (typeof value === 'string') {
        (sheets[key] ??= {})[column] = value;
      } else {
        ctx.addIssue({ code: 'custom', path: [key, column], message: `« ${key} », colonne « ${column} » : l’en-tête du fichier (un texte) est attendu.` });
      }
    }
    if (key !== VALUES) sheets[key] ??= {};
  }
  valueProblems(values, (path, message) => ctx.addIssue({ code: 'custom', path: [VALUES, ...path], message }));
  return { sheets, values };
});

/** Per column of `target`, the user's values: the file's value (as valueKey reads it) → the known value. */
export function valuesOf(values: ValueMapping, target: SheetKey): Map<string, Map<string, string>> {
  const byColumn = new Map<string, Map<string, string>>();
  for (const [name, pairs] of Object.entries(values)) {
    const column = choiceColumnOf(name);
    if (column?.target !== target) continue;
    byColumn.set(column.column, new Map(Object.entries(pairs).map(([found, meant]) => [valueKey(found), meant])));
  }
  return byColumn;
}
