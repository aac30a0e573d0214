// Which columns of a file feed which columns of the workbook. Proposed from the headers (exact
// label or known synonym first, then a close spelling), corrected by the user in the preview, and
// saved as JSON: { "<sheet>": { "<column>": "<header in the file>" } }.
import { normaliseHeader, SHEET_KEYS, SHEETS, sheetKeyOf, type SheetKey } from './sheets.ts';

export interface FileSheetHeaders {
  name: string;
  headers: string[];
}

/** One workbook sheet fed by one sheet of the file; columns maps column key → header (or null). */
export interface SheetAssignment {
  target: SheetKey;
  source: string;
  columns: Record<string, string | null>;
}

export type SavedMapping = Record<string, Record<string, string>>;

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
 * every workbook sheet whose required columns it holds, or failing that the one it fits best,
 * for the user to complete.
 */
export function proposeMapping(sheets: readonly FileSheetHeaders[]): SheetAssignment[] {
  const assignments: SheetAssignment[] = [];
  for (const sheet of sheets) {
    const named = sheetKeyOf(sheet.name);
    if (named !== null) {
      assignments.push({ target: named, source: sheet.name, columns: matchColumns(named, sheet.headers) });
      continue;
    }
    const candidates = SHEET_KEYS.map((target) => ({ target, columns: matchColumns(target, sheet.headers) }));
    const complete = candidates.filter((c) => requiredFound(c.target, c.columns));
    if (complete.length > 0) {
      for (const c of complete) assignments.push({ target: c.target, source: sheet.name, columns: c.columns });
      continue;
    }
    const matched = (c: (typeof candidates)[number]): number => Object.values(c.columns).filter((h) => h !== null).length;
    const best = candidates.toSorted((a, b) => matched(b) - matched(a))[0]!;
    if (matched(best) > 0) assignments.push({ target: best.target, source: sheet.name, columns: best.columns });
  }
  return assignments;
}

/** The mapping as the user saves it, by workbook sheet and column names. */
export function toSavedMapping(assignments: readonly SheetAssignment[]): SavedMapping {
  const saved: SavedMapping = {};
  for (const a of assignments) {
    const sheet = SHEETS[a.target];
    saved[sheet.name] = Object.fromEntries(
      sheet.columns.filter((c) => typeof a.columns[c.key] === 'string').map((c) => [c.label, a.columns[c.key]!]),
    );
  }
  return saved;
}

/**
 * A saved mapping applied to a file: each workbook sheet it names is fed by the file's sheet of
 * that name, or else by the sheet that holds the headers it lists. Returns the problems in French.
 */
export function applySavedMapping(sheets: readonly FileSheetHeaders[], saved: SavedMapping): { assignments: SheetAssignment[]; problems: string[] } {
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
