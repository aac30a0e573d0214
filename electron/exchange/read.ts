// Reading a spreadsheet file (.xlsx, .xls, .ods, .csv) into plain rows with SheetJS, as Excel
// users make them: title lines above the header row, merged cells, total rows, hidden sheets.
import { basename, extname } from 'node:path';
import * as XLSX from 'xlsx';
import { ApiError } from '../../shared/api/errors.ts';
import { normaliseHeader, SHEET_KEYS, SHEETS } from '../../shared/exchange/sheets.ts';
import { shown, type Cell } from '../../shared/exchange/values.ts';

export interface FileRow {
  /** The row's number as the spreadsheet shows it (1-based). */
  line: number;
  cells: Cell[];
}
export interface FileSheet {
  name: string;
  headers: string[];
  rows: FileRow[];
  hidden: boolean;
  /** The header row's line (1-based): detected, or chosen in the preview; 0 for an empty sheet. */
  headerLine: number;
  /** The first lines of the sheet, among which the user may choose the header row. */
  firstLines: { line: number; cells: string[] }[];
  /** Lines under the header left out, with why (a total row), in French. */
  skipped: { line: number; reason: string }[];
  /** Every line as read (index 0 is line 1), to cut again under another header row. */
  grid: Cell[][];
}

const READABLE = new Set(['.xlsx', '.xlsm', '.xls', '.ods', '.csv']);

/** CSV files from French offices come as UTF-8 (with or without BOM) or as Windows-1252. */
function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

function isEmpty(cells: readonly Cell[]): boolean {
  return cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));
}

/** The header row is looked for among the first lines: title lines rarely take more. */
const HEADER_SEARCH = 15;
const KNOWN_HEADERS = new Set(SHEET_KEYS.flatMap((key) => SHEETS[key].columns.flatMap((c) => [c.label, ...(c.synonyms ?? [])]).map(normaliseHeader)));
/** "Total", "TOTAL GÉNÉRAL", "Sous-total", "Totaux" in a row's first filled cell. */
const TOTAL = /^(sous )?(total|totaux)\b/;

/**
 * The line most likely to be the header row: the one naming the most columns of the workbook (or
 * their usual synonyms); failing that, the first with as many distinct texts as the widest line
 * has filled cells, half at least (a title is one cell, even merged across the columns).
 */
function detectHeader(grid: readonly Cell[][]): number {
  const candidates = grid.map((cells, index) => ({ cells, index })).filter((c) => !isEmpty(c.cells)).slice(0, HEADER_SEARCH);
  if (candidates.length === 0) return -1;
  const known = (cells: readonly Cell[]): number => new Set(cells.filter((c) => typeof c === 'string' && KNOWN_HEADERS.has(normaliseHeader(c)))).size;
  const best = candidates.reduce((a, b) => (known(b.cells) > known(a.cells) ? b : a));
  if (known(best.cells) >= 2) return best.index;
  const distinct = (cells: readonly Cell[]): number => new Set(cells.filter((c) => c !== null && String(c).trim() !== '').map(String)).size;
  const widest = Math.max(...candidates.map((c) => distinct(c.cells)));
  return (candidates.find((c) => distinct(c.cells) >= Math.max(2, widest / 2)) ?? candidates[0]!).index;
}

/**
 * A merged cell's value is in its first cell only: it is copied into the cells it covers when the
 * merge is vertical (one school for its pupils' rows) or within the header search (a header over
 * two lines); a merge across the columns of a data row is a note, not the value of each column.
 */
function fillMerges(grid: Cell[][], merges: readonly XLSX.Range[]): void {
  for (const merge of merges) {
    const top = merge.s.r;
    const left = merge.s.c;
    const value = grid[top]?.[left] ?? null;
    if (value === null || (merge.e.c > merge.s.c && top >= HEADER_SEARCH)) continue;
    for (let r = Math.max(0, top); r <= Math.min(grid.length - 1, merge.e.r); r += 1) {
      const cells = grid[r]!;
      for (let c = Math.max(0, left); c <= Math.min(cells.length - 1, merge.e.c); c += 1) cells[c] ??= value;
    }
  }
}

/** The sheet cut under the header row at `headerLine` (1-based): its headers, its data rows, its total rows set aside. */
export function underHeader(sheet: Pick<FileSheet, 'name' | 'hidden' | 'grid'>, headerLine: number): FileSheet {
  const { grid } = sheet;
  const headerIndex = headerLine - 1;
  const seen = new Map<string, number>();
  // Two columns with one header (a header over two lines) stay two columns to choose from.
  const headers = headerIndex < 0 ? [] : (grid[headerIndex] ?? []).map((h) => {
    const text = h === null ? '' : shown(h);
    const n = (seen.get(text) ?? 0) + 1;
    seen.set(text, n);
    return text === '' || n === 1 ? text : `${text} (${n})`;
  });
  const rows: FileRow[] = [];
  const skipped: FileSheet['skipped'] = [];
  for (let i = headerIndex + 1; headerIndex >= 0 && i < grid.length; i += 1) {
    const cells = grid[i]!;
    if (isEmpty(cells)) continue;
    const first = cells.find((c) => c !== null && String(c).trim() !== '')!;
    if (typeof first === 'string' && TOTAL.test(normaliseHeader(first))) skipped.push({ line: i + 1, reason: `ligne de total (« ${shown(first)} ») ignorée` });
    else rows.push({ line: i + 1, cells });
  }
  const firstLines = grid.map((cells, index) => ({ line: index + 1, cells })).filter((l) => !isEmpty(l.cells)).slice(0, HEADER_SEARCH)
    .map((l) => ({ line: l.line, cells: l.cells.map((c) => (c === null ? '' : shown(c))) }));
  return { name: sheet.name, hidden: sheet.hidden, grid, headers, rows, headerLine: headerIndex + 1, firstLines, skipped };
}

/**
 * Reads every sheet, its header row detected (see detectHeader); empty rows and total rows are
 * skipped. A file over `maxMegabytes` (a setting) is refused before SheetJS sees a byte of it.
 */
export function readWorkbook(bytes: Uint8Array, fileName: string, maxMegabytes: number): FileSheet[] {
  const extension = extname(fileName).toLowerCase();
  if (!READABLE.has(extension)) {
    throw new ApiError('refused', `« ${basename(fileName)} » : format non pris en charge (xlsx, xls, ods ou csv attendu).`);
  }
  if (bytes.byteLength > maxMegabytes * 1024 * 1024) {
    throw new ApiError('refused', `« ${basename(fileName)} » : fichier trop volumineux (${(bytes.byteLength / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo, ` +
      `${maxMegabytes} Mo au plus d’après les Paramètres). Rien n’a été lu.`);
  }
  const unreadable = (error: unknown): ApiError =>
    new ApiError('refused', `« ${basename(fileName)} » illisible : ${(error as Error).message}. Vérifiez qu’il s’ouvre dans le tableur, puis enregistrez-le à nouveau.`);
  let workbook: XLSX.WorkBook;
  try {
    const options = { cellDates: true, cellFormula: false, cellHTML: false, dense: true } as const;
    // raw: a CSV's cells stay text, read by our French readers (SheetJS would take 01/10/2028 for 10 January).
    workbook = extension === '.csv' ? XLSX.read(decodeText(bytes), { ...options, type: 'string', raw: true }) : XLSX.read(bytes, { ...options, type: 'buffer' });
  } catch (error) {
    throw unreadable(error);
  }
  // A CSV holds one sheet: it is named after the file ("Élèves.csv" feeds the sheet Élèves).
  const csvName = extension === '.csv' ? basename(fileName, extension) : null;
  return workbook.SheetNames.map((name, index) => {
    let grid: Cell[][];
    try {
      // A damaged file may be read, then fail on a missing sheet or a cell of an unknown type.
      const sheet = workbook.Sheets[name]!;
      grid = XLSX.utils.sheet_to_json<Cell[]>(sheet, { header: 1, raw: true, defval: null, blankrows: true });
      // The grid starts at the sheet's first used cell: line numbers and merges count from A1.
      const origin = sheet['!ref'] === undefined ? { r: 0, c: 0 } : XLSX.utils.decode_range(sheet['!ref']).s;
      if (origin.c > 0) grid = grid.map((cells) => [...Array.from({ length: origin.c }, (): Cell => null), ...cells]);
      grid = [...Array.from({ length: origin.r }, (): Cell[] => []), ...grid];
      fillMerges(grid, sheet['!merges'] ?? []);
    } catch (error) {
      throw unreadable(error);
    }
    const hidden = (workbook.Workbook?.Sheets?.[index]?.Hidden ?? 0) > 0;
    return underHeader({ name: csvName ?? name, hidden, grid }, detectHeader(grid) + 1);
  });
}
